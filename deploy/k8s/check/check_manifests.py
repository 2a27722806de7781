"""Renders every overlay of deploy/k8s and checks each document.

Schemas (what the API server would refuse):
- core kinds against the strict JSON schemas of one Kubernetes version that
  kubernetes-validate bundles (unknown fields fail), also the Job inside the
  JobSink, which Knative's CRD leaves unchecked;
- custom resources with kubeconform -strict against the vendored CRDs
  (../schemas/crds, converted by ../schemas/crd_to_json_schema.py); a custom
  kind without a vendored CRD fails.

Then what no schema can say (each check a function of the rendered documents
returning its problems; test_check_manifests.py shows each one failing):
- jobsink-address: the scheduler posts to the JobSink defined beside it
  (http://job-sink.knative-eventing.svc.cluster.local/<namespace>/<name>), with
  a projected token of that JobSink's audience, and the JobSink's EventPolicy
  admits exactly the scheduler's service account;
- one-endpoints-source: one ConfigMap holds every service URL and the issuer,
  every container reads it (envFrom / configMapKeyRef), no document carries a
  service URL of its own, a Keycloak run here has the issuer's host and realm;
- no-committed-secrets: no Secret with data, no literal value under a name that
  looks like a secret (env, options, realm settings, Flink configuration);
- pod-security: every container runs as a numeric non-root user and group, on a
  read-only root filesystem, without privilege escalation or capabilities.

Usage: check_manifests.py --kubeconform PATH [--kubernetes-version 1.34.0]
                          [--kustomize 'kubectl kustomize'] OVERLAY...
Exit 0 when every check of every overlay passed.
"""

import argparse
import json
import posixpath
import re
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

import yaml

HERE = Path(__file__).resolve().parent
SCHEMAS = HERE.parent / "schemas"
sys.path.insert(0, str(SCHEMAS))
import crd_to_json_schema  # noqa: E402  (beside the vendored CRDs it converts)

ENDPOINTS_CONFIGMAP = "promo-calendar-endpoints"
# The environment variables the programs already read (deploy/local/lib.sh).
ENDPOINT_KEYS = ("KEYCLOAK_URL", "KEYCLOAK_REALM", "KEYCLOAK_ISSUER", "CALENDAR_URL",
                 "INBOX_URL", "INVENTORY_URL", "JOBSINK_URL", "WEB_URL")
URL_KEYS = tuple(key for key in ENDPOINT_KEYS if key != "KEYCLOAK_REALM")
# Knative's JobSink receiver; a JobSink's address is this + /<namespace>/<name>.
KNATIVE_JOB_SINK = "http://job-sink.knative-eventing.svc.cluster.local"
# SchedulerOptions keys that the endpoints ConfigMap sets through the environment.
SCHEDULER_ENDPOINT_OPTIONS = ("promo.calendar.url", "promo.keycloak.url", "promo.keycloak.realm", "promo.jobsink.url")

SECRET_LIKE_NAME = re.compile(r"SECRET|PASSWORD|PASSWD|TOKEN|CREDENTIAL|PRIVATE.?KEY|ACCESS.?KEY|API.?KEY", re.I)
A_PATH_NAME = re.compile(r"[-_.](FILE|PATH|DIR)$", re.I)
SECRET_LIKE_SETTING = re.compile(r"^(secret|password|client[-_.]?secret|credentials?|.*[-_.]password|.*[-_.]secret[-_.]?key)$", re.I)
URL = re.compile(r"https?://[^\s\"'<>,;)]+")


# ---------------------------------------------------------------- documents


def endpoints_configmap_name(name):
    """The generated ConfigMap's name: the base name, or it with kustomize's hash suffix."""
    return re.fullmatch(re.escape(ENDPOINTS_CONFIGMAP) + r"(-[a-z0-9]{10})?", name or "") is not None


def where(doc):
    metadata = doc.get("metadata") or {}
    return f"{doc.get('kind')} {metadata.get('namespace', '-')}/{metadata.get('name')}"


def dig(value, *path):
    for key in path:
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value


def pod_specs(doc):
    """(label, pod spec) of every pod a document describes, custom resources included."""
    kind = doc.get("kind")
    spec = doc.get("spec") or {}
    found = []
    if kind in ("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job"):
        found.append(dig(spec, "template", "spec"))
    elif kind == "CronJob":
        found.append(dig(spec, "jobTemplate", "spec", "template", "spec"))
    elif kind == "Pod":
        found.append(spec)
    elif kind == "JobSink":
        found.append(dig(spec, "job", "spec", "template", "spec"))
    elif kind == "FlinkDeployment":
        found += [dig(spec, "podTemplate", "spec"), dig(spec, "jobManager", "podTemplate", "spec"),
                  dig(spec, "taskManager", "podTemplate", "spec")]
    return [(where(doc), pod) for pod in found if pod]


def containers(pod, init=True):
    return list(pod.get("containers") or []) + (list(pod.get("initContainers") or []) if init else [])


def walk(value, path=()):
    """Every (path, value) pair of a document, depth first."""
    yield path, value
    if isinstance(value, dict):
        for key, sub in value.items():
            yield from walk(sub, path + (str(key),))
    elif isinstance(value, list):
        for index, sub in enumerate(value):
            yield from walk(sub, path + (str(index),))


def endpoints(docs):
    """The endpoints ConfigMap's data, or None when there is not exactly one."""
    maps = [doc for doc in docs if doc.get("kind") == "ConfigMap"
            and endpoints_configmap_name(dig(doc, "metadata", "name"))]
    return (maps[0].get("data") or {}, dig(maps[0], "metadata", "name")) if len(maps) == 1 else (None, None)


# ---------------------------------------------------------------- checks


def check_jobsink_address(docs):
    problems = []
    data, _ = endpoints(docs)
    sink_url = (data or {}).get("JOBSINK_URL")
    jobsinks = {(dig(d, "metadata", "namespace"), dig(d, "metadata", "name")) for d in docs if d.get("kind") == "JobSink"}
    flinks = [d for d in docs if d.get("kind") == "FlinkDeployment"]
    if not jobsinks:
        return ["no JobSink is defined beside the scheduler"]
    if not flinks:
        return ["no FlinkDeployment posts to the JobSink"]
    addresses = {f"{KNATIVE_JOB_SINK}/{ns}/{name}": (ns, name) for ns, name in jobsinks}
    if sink_url not in addresses:
        problems.append(f"JOBSINK_URL {sink_url!r} is not the address of a JobSink defined here "
                        f"({', '.join(sorted(addresses))})")
        return problems
    namespace, name = addresses[sink_url]
    audience = f"sinks.knative.dev/jobsink/{namespace}/{name}"
    for flink in flinks:
        configuration = dig(flink, "spec", "flinkConfiguration") or {}
        own = configuration.get("promo.jobsink.url")
        if own is not None and own != sink_url:
            problems.append(f"{where(flink)}: promo.jobsink.url {own!r} is not {sink_url!r}")
        token_file = configuration.get("promo.jobsink.token-file")
        if not token_file:
            problems.append(f"{where(flink)}: no promo.jobsink.token-file: the JobSink refuses events without a token")
            continue
        pod = dig(flink, "spec", "podTemplate", "spec") or {}
        projected = {}
        for volume in pod.get("volumes") or []:
            for source in dig(volume, "projected", "sources") or []:
                token = source.get("serviceAccountToken")
                if token:
                    projected[volume.get("name")] = token
        main = [c for c in pod.get("containers") or [] if c.get("name") == "flink-main-container"]
        mounted = [(m.get("mountPath"), projected[m.get("name")]) for c in main for m in c.get("volumeMounts") or []
                   if m.get("name") in projected]
        directory, file = posixpath.split(token_file)
        if not any(path.rstrip("/") == directory and token.get("path") == file and token.get("audience") == audience
                   for path, token in mounted):
            problems.append(f"{where(flink)}: {token_file} is not a projected service-account token "
                            f"with the JobSink's audience {audience!r} mounted in flink-main-container")
        subject = f"system:serviceaccount:{dig(flink, 'metadata', 'namespace')}:{dig(flink, 'spec', 'serviceAccount')}"
        policies = [p for p in docs if p.get("kind") == "EventPolicy"
                    and dig(p, "metadata", "namespace") == namespace
                    and any(dig(to, "ref", "kind") == "JobSink" and dig(to, "ref", "name") == name
                            for to in dig(p, "spec", "to") or [])]
        if not policies:
            problems.append(f"no EventPolicy applies to JobSink {namespace}/{name}: any sender would do")
        for policy in policies:
            senders = [entry.get("sub") or dig(entry, "ref", "name") for entry in dig(policy, "spec", "from") or []]
            if senders != [subject]:
                problems.append(f"{where(policy)} admits {senders}, not only the scheduler ({subject})")
    return problems


def check_endpoints(docs):
    data, configmap = endpoints(docs)
    if data is None:
        return [f"there must be exactly one ConfigMap {ENDPOINTS_CONFIGMAP}"]
    problems = [f"{configmap} has no {key}" for key in ENDPOINT_KEYS if not data.get(key)]
    for key in URL_KEYS:
        parts = urlsplit(data.get(key) or "")
        if data.get(key) and (parts.scheme not in ("http", "https") or not parts.hostname):
            problems.append(f"{configmap}: {key} {data[key]!r} is not an absolute http(s) URL")
    issuer, realm = data.get("KEYCLOAK_ISSUER", ""), data.get("KEYCLOAK_REALM", "")
    if issuer and realm and not issuer.endswith(f"/realms/{realm}"):
        problems.append(f"{configmap}: KEYCLOAK_ISSUER {issuer!r} is not the issuer of realm {realm!r}")
    service_hosts = {urlsplit(data[key]).hostname for key in URL_KEYS if data.get(key)} - {None}

    for doc in docs:
        for label, pod in pod_specs(doc):
            for container in containers(pod, init=False):
                reads = [ref.get("name") for ref in (e.get("configMapRef") for e in container.get("envFrom") or []) if ref]
                reads += [dig(e, "valueFrom", "configMapKeyRef", "name") for e in container.get("env") or []]
                reads = [name for name in reads if name and name.startswith(ENDPOINTS_CONFIGMAP)]
                if not reads:
                    problems.append(f"{label} container {container.get('name')}: does not read {ENDPOINTS_CONFIGMAP}")
                problems += [f"{label} container {container.get('name')}: reads ConfigMap {name}, "
                             f"but the one rendered is {configmap}" for name in reads if name != configmap]
                for env in container.get("env") or []:
                    if env.get("name") in ENDPOINT_KEYS and "value" in env:
                        problems.append(f"{label} container {container.get('name')}: sets {env['name']} itself "
                                        f"instead of reading {ENDPOINTS_CONFIGMAP}")
        if doc.get("kind") == "FlinkDeployment":
            for option in SCHEDULER_ENDPOINT_OPTIONS:
                if option in (dig(doc, "spec", "flinkConfiguration") or {}):
                    problems.append(f"{where(doc)}: flinkConfiguration sets {option}; it comes from {ENDPOINTS_CONFIGMAP}")

    checked_elsewhere = set()
    for doc in docs:
        if doc.get("kind") == "Keycloak":
            hostname = dig(doc, "spec", "hostname", "hostname")
            if hostname:
                checked_elsewhere.add((id(doc), ("spec", "hostname", "hostname")))
                base = hostname.rstrip("/") if "://" in hostname else f"https://{hostname}"
                if f"{base}/realms/{realm}" != issuer:
                    problems.append(f"{where(doc)}: hostname {hostname!r} does not issue {issuer!r}")
        if doc.get("kind") == "KeycloakRealmImport":
            imported = dig(doc, "spec", "realm", "realm")
            if imported != realm:
                problems.append(f"{where(doc)}: imports realm {imported!r}, the services expect {realm!r}")
        if doc.get("kind") == "ConfigMap" and endpoints_configmap_name(dig(doc, "metadata", "name")):
            continue
        # A realm imported by the Keycloak Operator cannot read a ConfigMap: every
        # address in it (shop-web's) must be the ConfigMap's WEB_URL, written out.
        realm_import = doc.get("kind") == "KeycloakRealmImport"
        web_url = (data.get("WEB_URL") or "").rstrip("/")
        for path, value in walk(doc):
            if not isinstance(value, str) or (id(doc), path) in checked_elsewhere:
                continue
            for url in URL.findall(value):
                host = urlsplit(url).hostname or ""
                if realm_import:
                    if not (web_url and (url == web_url or url.startswith(web_url + "/"))):
                        problems.append(f"{where(doc)} {'.'.join(path)}: {url} is not under WEB_URL {web_url!r}")
                    continue
                if host in service_hosts or host.endswith(".svc") or host.endswith(".svc.cluster.local"):
                    problems.append(f"{where(doc)} {'.'.join(path)}: service URL {url} written here, "
                                    f"not read from {ENDPOINTS_CONFIGMAP}")
    return problems


def _literal(value):
    return isinstance(value, str) and value.strip() != "" and not value.startswith(("${", "$("))


def check_no_secrets(docs):
    problems = []
    for doc in docs:
        label = where(doc)
        if doc.get("kind") == "Secret" and (doc.get("data") or doc.get("stringData")):
            problems.append(f"{label}: a Secret with data is committed; create it in the cluster (deploy/README.md)")
        for path, value in walk(doc):
            if not isinstance(value, dict):
                continue
            # env entries and every other {name, value} list (Keycloak options, …)
            name = value.get("name")
            if (isinstance(name, str) and SECRET_LIKE_NAME.search(name) and not A_PATH_NAME.search(name)
                    and _literal(value.get("value"))):
                problems.append(f"{label} {'.'.join(path)}: {name} has a literal value")
        if doc.get("kind") == "ConfigMap":
            for key, text in (doc.get("data") or {}).items():
                if SECRET_LIKE_NAME.search(key) and not A_PATH_NAME.search(key) and _literal(text):
                    problems.append(f"{label}: key {key} looks like a secret")
                try:
                    nested = json.loads(text) if text.lstrip().startswith(("{", "[")) else yaml.safe_load(text)
                except (ValueError, yaml.YAMLError):
                    continue
                for path, value in walk(nested):
                    if path and SECRET_LIKE_SETTING.match(path[-1]) and _literal(value):
                        problems.append(f"{label}: {key} sets {'.'.join(path)} to a literal")
        if doc.get("kind") == "FlinkDeployment":
            for key, value in (dig(doc, "spec", "flinkConfiguration") or {}).items():
                if re.search(r"secret|password|access-key|token", key, re.I) and not A_PATH_NAME.search(key) \
                        and _literal(value):
                    problems.append(f"{label}: flinkConfiguration {key} is a literal secret")
    return problems


def check_pod_security(docs):
    problems = []
    for doc in docs:
        for label, pod in pod_specs(doc):
            pod_context = pod.get("securityContext") or {}
            for container in containers(pod):
                own = container.get("securityContext") or {}
                name = f"{label} container {container.get('name')}"

                def effective(key):
                    return own.get(key, pod_context.get(key))

                if effective("runAsNonRoot") is not True:
                    problems.append(f"{name}: runAsNonRoot is not true")
                for key in ("runAsUser", "runAsGroup"):
                    value = effective(key)
                    if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
                        problems.append(f"{name}: {key} is not a numeric non-root id (the kubelet cannot "
                                        f"check a user name against runAsNonRoot)")
                if own.get("readOnlyRootFilesystem") is not True:
                    problems.append(f"{name}: readOnlyRootFilesystem is not true")
                if own.get("allowPrivilegeEscalation") is not False:
                    problems.append(f"{name}: allowPrivilegeEscalation is not false")
                if "ALL" not in (dig(own, "capabilities", "drop") or []):
                    problems.append(f"{name}: capabilities do not drop ALL")
                seccomp = dig(own, "seccompProfile", "type") or dig(pod_context, "seccompProfile", "type")
                if seccomp not in ("RuntimeDefault", "Localhost"):
                    problems.append(f"{name}: no RuntimeDefault seccomp profile")
    return problems


CHECKS = {
    "jobsink-address": check_jobsink_address,
    "one-endpoints-source": check_endpoints,
    "no-committed-secrets": check_no_secrets,
    "pod-security": check_pod_security,
}


# ---------------------------------------------------------------- schemas


def validate_core(doc, kubernetes_version):
    """Problems of one built-in kind against kubernetes-validate's strict schemas."""
    import kubernetes_validate

    try:
        kubernetes_validate.validate(doc, kubernetes_version, strict=True)
    except kubernetes_validate.SchemaNotFoundError:
        return [f"{where(doc)}: no schema for {doc.get('apiVersion')} {doc.get('kind')} "
                f"in Kubernetes {kubernetes_version} and no vendored CRD"]
    except kubernetes_validate.ValidationError as error:
        location = ".".join(str(part) for part in error.path) or "(root)"
        return [f"{where(doc)} {location}: {error.message}"]
    return []


def embedded_documents(doc):
    """Objects inside custom resources that their CRD does not describe: the JobSink's Job."""
    if doc.get("kind") == "JobSink" and dig(doc, "spec", "job"):
        job = {"apiVersion": "batch/v1", "kind": "Job", "metadata": {"name": dig(doc, "metadata", "name")}}
        job.update(dig(doc, "spec", "job"))
        return [job]
    return []


def validate_schemas(docs, kubernetes_version, kubeconform, schema_dir):
    crd_groups = {path.name for path in Path(schema_dir).iterdir() if path.is_dir()}
    custom, problems = [], []
    for doc in docs:
        group = (doc.get("apiVersion") or "").rpartition("/")[0]
        if group in crd_groups:
            custom.append(doc)
        else:
            problems += validate_core(doc, kubernetes_version)
        for inner in embedded_documents(doc):
            problems += [f"inside {where(doc)}: {p}" for p in validate_core(inner, kubernetes_version)]
    if custom:
        with tempfile.NamedTemporaryFile("w", suffix=".yaml") as file:
            yaml.safe_dump_all(custom, file)
            file.flush()
            location = f"{schema_dir}/{{{{ .Group }}}}/{{{{ .ResourceKind }}}}_{{{{ .ResourceAPIVersion }}}}.json"
            run = subprocess.run([kubeconform, "-strict", "-summary", "-output", "json",
                                  "-schema-location", location, file.name],
                                 capture_output=True, text=True)
        try:
            report = json.loads(run.stdout)
        except ValueError:
            return problems + [f"kubeconform: {run.stdout}{run.stderr}".strip()]
        for resource in report.get("resources") or []:
            if resource.get("status") != "statusValid":
                problems.append(f"{resource.get('kind')} {resource.get('name')}: {resource.get('msg')}"
                                + "".join(f"\n    {e.get('location')}: {e.get('msg')}"
                                          for e in resource.get("validationErrors") or []))
        valid = (report.get("summary") or {}).get("valid")
        if valid != len(custom):
            problems.append(f"kubeconform found {valid} valid of {len(custom)} custom resources")
    return problems


# ---------------------------------------------------------------- main


def render(overlay, kustomize):
    run = subprocess.run(shlex.split(kustomize) + [str(overlay)], capture_output=True, text=True)
    if run.returncode != 0:
        raise RuntimeError(f"{kustomize} {overlay}: {run.stderr.strip()}")
    return [doc for doc in yaml.safe_load_all(run.stdout) if doc]


def main(arguments=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kubeconform", required=True)
    parser.add_argument("--kubernetes-version", default="1.34.0")
    parser.add_argument("--kustomize", default="kubectl kustomize")
    parser.add_argument("overlays", nargs="+")
    options = parser.parse_args(arguments)

    passed = failed = 0
    with tempfile.TemporaryDirectory() as schema_dir:
        crd_to_json_schema.convert(schema_dir, sorted((SCHEMAS / "crds").glob("*.y*ml")))
        for overlay in options.overlays:
            name = Path(overlay).name
            try:
                docs = render(overlay, options.kustomize)
            except RuntimeError as error:
                print(f"FAIL {name}: render\n  {error}")
                failed += 1
                continue
            print(f"{name}: {len(docs)} documents")
            results = {"schemas": validate_schemas(docs, options.kubernetes_version, options.kubeconform, schema_dir)}
            results.update({check: function(docs) for check, function in CHECKS.items()})
            for check, problems in results.items():
                if problems:
                    failed += 1
                    print(f"FAIL {name}: {check}")
                    for problem in problems:
                        print(f"  {problem}")
                else:
                    passed += 1
                    print(f"ok   {name}: {check}")
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
