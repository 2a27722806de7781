"""Each check of check_manifests.py passes a small, correct system and fails when
one thing in it is wrong; the schema converter makes unknown fields fail."""

import copy
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
import check_manifests as checks  # noqa: E402
from check_manifests import crd_to_json_schema  # noqa: E402

SECURE_CONTAINER = {
    "runAsNonRoot": True, "runAsUser": 10001, "runAsGroup": 10001, "allowPrivilegeEscalation": False,
    "readOnlyRootFilesystem": True, "capabilities": {"drop": ["ALL"]},
}
ENDPOINTS = "promo-calendar-endpoints-5b2hc9tt7m"

SYSTEM = f"""
apiVersion: v1
kind: ConfigMap
metadata: {{name: {ENDPOINTS}, namespace: promo-calendar}}
data:
  KEYCLOAK_URL: http://keycloak-service.promo-calendar.svc.cluster.local:8080
  KEYCLOAK_REALM: shop
  KEYCLOAK_ISSUER: https://auth.shop.example/realms/shop
  CALENDAR_URL: http://event-calendar.promo-calendar.svc.cluster.local:8080
  INBOX_URL: http://inbox.promo-calendar.svc.cluster.local:8080
  INVENTORY_URL: http://inventory.shop.svc.cluster.local:8000
  JOBSINK_URL: http://job-sink.knative-eventing.svc.cluster.local/promo-calendar/promo-day
  WEB_URL: https://shop.example
---
apiVersion: apps/v1
kind: Deployment
metadata: {{name: inbox, namespace: promo-calendar}}
spec:
  selector: {{matchLabels: {{app: inbox}}}}
  template:
    metadata: {{labels: {{app: inbox}}}}
    spec:
      securityContext: {{seccompProfile: {{type: RuntimeDefault}}}}
      containers:
        - name: inbox
          image: registry.example.com/promo-calendar/inbox:0.1.0
          envFrom: [{{configMapRef: {{name: {ENDPOINTS}}}}}]
          env:
            - name: INBOX_DB_PASSWORD
              valueFrom: {{secretKeyRef: {{name: inbox-db-app, key: password}}}}
          securityContext: {SECURE_CONTAINER}
---
apiVersion: sinks.knative.dev/v1alpha1
kind: JobSink
metadata: {{name: promo-day, namespace: promo-calendar}}
spec:
  job:
    spec:
      template:
        spec:
          restartPolicy: Never
          securityContext: {{seccompProfile: {{type: RuntimeDefault}}}}
          containers:
            - name: promo
              image: registry.example.com/promo-calendar/promo-job:0.1.0
              envFrom: [{{configMapRef: {{name: {ENDPOINTS}}}}}]
              securityContext: {SECURE_CONTAINER}
---
apiVersion: eventing.knative.dev/v1alpha1
kind: EventPolicy
metadata: {{name: promo-day-from-scheduler, namespace: promo-calendar}}
spec:
  to: [{{ref: {{apiVersion: sinks.knative.dev/v1alpha1, kind: JobSink, name: promo-day}}}}]
  from: [{{sub: "system:serviceaccount:promo-calendar:promotion-scheduler"}}]
---
apiVersion: flink.apache.org/v1beta1
kind: FlinkDeployment
metadata: {{name: promotion-scheduler, namespace: promo-calendar}}
spec:
  serviceAccount: promotion-scheduler
  flinkConfiguration:
    promo.jobsink.token-file: /var/run/secrets/jobsink/token
  podTemplate:
    spec:
      securityContext: {{seccompProfile: {{type: RuntimeDefault}}}}
      containers:
        - name: flink-main-container
          envFrom: [{{configMapRef: {{name: {ENDPOINTS}}}}}]
          securityContext: {SECURE_CONTAINER}
          volumeMounts: [{{name: jobsink-token, mountPath: /var/run/secrets/jobsink}}]
      volumes:
        - name: jobsink-token
          projected:
            sources:
              - serviceAccountToken:
                  audience: sinks.knative.dev/jobsink/promo-calendar/promo-day
                  path: token
---
apiVersion: k8s.keycloak.org/v2alpha1
kind: Keycloak
metadata: {{name: keycloak, namespace: promo-calendar}}
spec:
  hostname: {{hostname: "https://auth.shop.example"}}
---
apiVersion: k8s.keycloak.org/v2alpha1
kind: KeycloakRealmImport
metadata: {{name: shop, namespace: promo-calendar}}
spec:
  keycloakCRName: keycloak
  realm: {{realm: shop}}
"""


@pytest.fixture
def system():
    return [doc for doc in yaml.safe_load_all(SYSTEM) if doc]


def kind(docs, name):
    return next(doc for doc in docs if doc["kind"] == name)


def container(doc):
    return checks.containers(checks.pod_specs(doc)[0][1])[0]


def test_the_correct_system_passes_every_check(system):
    for name, check in checks.CHECKS.items():
        assert check(system) == [], name


# ---- jobsink-address


def test_a_sink_url_that_is_not_the_jobsinks_address_fails(system):
    kind(system, "ConfigMap")["data"]["JOBSINK_URL"] = "http://promo-jobsink.promo-calendar.svc.cluster.local"
    assert "not the address of a JobSink" in " ".join(checks.check_jobsink_address(system))


def test_a_sink_url_of_another_jobsink_name_fails(system):
    kind(system, "JobSink")["metadata"]["name"] = "promo-days"
    assert checks.check_jobsink_address(system)


def test_a_token_of_another_audience_fails(system):
    volume = checks.pod_specs(kind(system, "FlinkDeployment"))[0][1]["volumes"][0]
    volume["projected"]["sources"][0]["serviceAccountToken"]["audience"] = "promo-day"
    assert "audience" in " ".join(checks.check_jobsink_address(system))


def test_a_token_file_that_is_not_mounted_fails(system):
    kind(system, "FlinkDeployment")["spec"]["flinkConfiguration"]["promo.jobsink.token-file"] = "/tmp/token"
    assert checks.check_jobsink_address(system)


def test_no_token_at_all_fails(system):
    del kind(system, "FlinkDeployment")["spec"]["flinkConfiguration"]["promo.jobsink.token-file"]
    assert "refuses events without a token" in " ".join(checks.check_jobsink_address(system))


def test_an_event_policy_admitting_someone_else_fails(system):
    kind(system, "EventPolicy")["spec"]["from"].append({"sub": "system:serviceaccount:promo-calendar:*"})
    assert "not only the scheduler" in " ".join(checks.check_jobsink_address(system))


def test_no_event_policy_fails(system):
    system.remove(kind(system, "EventPolicy"))
    assert "any sender" in " ".join(checks.check_jobsink_address(system))


# ---- one-endpoints-source


def test_a_container_that_does_not_read_the_endpoints_fails(system):
    del container(kind(system, "JobSink"))["envFrom"]
    assert "does not read" in " ".join(checks.check_endpoints(system))


def test_a_reference_to_a_configmap_name_kustomize_did_not_rewrite_fails(system):
    container(kind(system, "FlinkDeployment"))["envFrom"][0]["configMapRef"]["name"] = "promo-calendar-endpoints"
    assert "but the one rendered is" in " ".join(checks.check_endpoints(system))


def test_an_endpoint_set_literally_in_a_container_fails(system):
    container(kind(system, "Deployment"))["env"].append({"name": "INBOX_URL", "value": "http://inbox:8080"})
    assert "sets INBOX_URL itself" in " ".join(checks.check_endpoints(system))


def test_a_service_url_written_anywhere_else_fails(system):
    kind(system, "FlinkDeployment")["spec"]["flinkConfiguration"]["some.url"] = \
        "http://event-calendar.promo-calendar.svc:8081"
    assert "service URL" in " ".join(checks.check_endpoints(system))


def test_the_issuers_host_written_anywhere_else_fails(system):
    kind(system, "Deployment")["metadata"]["annotations"] = {"sign-in": "https://auth.shop.example/realms/shop"}
    assert "service URL" in " ".join(checks.check_endpoints(system))
    kind(system, "KeycloakRealmImport")["spec"]["realm"]["attributes"] = {"frontendUrl": "https://auth.shop.example"}
    assert "is not under WEB_URL" in " ".join(checks.check_endpoints(system))


def test_a_realm_import_may_write_out_the_web_url(system):
    kind(system, "KeycloakRealmImport")["spec"]["realm"]["clients"] = [
        {"clientId": "shop-web", "rootUrl": "https://shop.example", "redirectUris": ["https://shop.example/*"]}]
    assert checks.check_endpoints(system) == []


def test_a_realm_import_with_another_web_origin_fails(system):
    kind(system, "KeycloakRealmImport")["spec"]["realm"]["clients"] = [
        {"clientId": "shop-web", "redirectUris": ["https://shop.example/*", "https://www.shop.example/*"]}]
    assert "https://www.shop.example/* is not under WEB_URL" in " ".join(checks.check_endpoints(system))


def test_scheduler_endpoint_options_in_the_flink_configuration_fail(system):
    kind(system, "FlinkDeployment")["spec"]["flinkConfiguration"]["promo.keycloak.realm"] = "shop"
    assert "flinkConfiguration sets promo.keycloak.realm" in " ".join(checks.check_endpoints(system))


def test_a_second_endpoints_configmap_fails(system):
    system.append(copy.deepcopy(kind(system, "ConfigMap")))
    assert checks.check_endpoints(system)


def test_a_missing_endpoint_key_fails(system):
    del kind(system, "ConfigMap")["data"]["INVENTORY_URL"]
    assert "has no INVENTORY_URL" in " ".join(checks.check_endpoints(system))


def test_an_issuer_of_another_realm_fails(system):
    kind(system, "ConfigMap")["data"]["KEYCLOAK_ISSUER"] = "https://auth.shop.example/realms/master"
    assert checks.check_endpoints(system)


def test_a_keycloak_whose_hostname_is_not_the_issuers_fails(system):
    kind(system, "Keycloak")["spec"]["hostname"]["hostname"] = "https://keycloak.shop.example"
    assert "does not issue" in " ".join(checks.check_endpoints(system))


def test_a_keycloak_hostname_without_scheme_is_https(system):
    kind(system, "Keycloak")["spec"]["hostname"]["hostname"] = "auth.shop.example"
    assert checks.check_endpoints(system) == []


def test_a_realm_import_of_another_realm_fails(system):
    kind(system, "KeycloakRealmImport")["spec"]["realm"]["realm"] = "promo"
    assert "imports realm" in " ".join(checks.check_endpoints(system))


# ---- no-committed-secrets


def test_a_secret_with_data_fails(system):
    system.append({"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "promo-job-client"},
                   "stringData": {"client-secret": "promo-job-secret"}})
    assert "Secret with data" in " ".join(checks.check_no_secrets(system))


def test_a_literal_password_in_the_environment_fails(system):
    container(kind(system, "Deployment"))["env"].append({"name": "INBOX_DB_PASSWORD", "value": "inbox"})
    assert "INBOX_DB_PASSWORD has a literal value" in " ".join(checks.check_no_secrets(system))


def test_a_literal_client_secret_in_the_job_template_fails(system):
    container(kind(system, "JobSink")).setdefault("env", []).append(
        {"name": "PROMO_JOB_CLIENT_SECRET", "value": "promo-job-secret"})
    assert checks.check_no_secrets(system)


def test_a_token_file_path_is_not_a_secret(system):
    container(kind(system, "JobSink")).setdefault("env", []).append(
        {"name": "PROMO_JOBSINK_TOKEN_FILE", "value": "/var/run/secrets/jobsink/token"})
    assert checks.check_no_secrets(system) == []


def test_a_client_secret_inside_realm_settings_fails(system):
    system.append({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "realm-shop"},
                   "data": {"shop.yaml": "realm: shop\nclients:\n  - clientId: promo-job\n    secret: promo-job-secret\n"}})
    assert "clients.0.secret" in " ".join(checks.check_no_secrets(system))


def test_a_secret_placeholder_inside_realm_settings_passes(system):
    system.append({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "realm-shop"},
                   "data": {"shop.yaml": "clients:\n  - clientId: promo-job\n    secret: $(env:PROMO_JOB_CLIENT_SECRET)\n"}})
    assert checks.check_no_secrets(system) == []


def test_a_literal_s3_secret_in_the_flink_configuration_fails(system):
    kind(system, "FlinkDeployment")["spec"]["flinkConfiguration"]["s3.secret-key"] = "abc"
    assert checks.check_no_secrets(system)


# ---- pod-security


def test_a_user_name_instead_of_a_number_fails(system):
    container(kind(system, "Deployment"))["securityContext"]["runAsUser"] = "nonroot"
    assert "runAsUser is not a numeric non-root id" in " ".join(checks.check_pod_security(system))


def test_a_missing_user_fails(system):
    del container(kind(system, "JobSink"))["securityContext"]["runAsUser"]
    assert checks.check_pod_security(system)


def test_root_fails(system):
    container(kind(system, "FlinkDeployment"))["securityContext"]["runAsUser"] = 0
    assert checks.check_pod_security(system)


def test_the_pods_user_counts_for_its_containers(system):
    deployment = kind(system, "Deployment")
    del container(deployment)["securityContext"]["runAsUser"]
    checks.pod_specs(deployment)[0][1]["securityContext"]["runAsUser"] = 10001
    assert checks.check_pod_security(system) == []


def test_a_writable_root_filesystem_fails(system):
    container(kind(system, "JobSink"))["securityContext"]["readOnlyRootFilesystem"] = False
    assert "readOnlyRootFilesystem" in " ".join(checks.check_pod_security(system))


def test_an_init_container_is_checked_too(system):
    pod = checks.pod_specs(kind(system, "Deployment"))[0][1]
    pod["initContainers"] = [{"name": "migrate", "image": "x"}]
    assert "container migrate" in " ".join(checks.check_pod_security(system))


def test_kept_capabilities_fail(system):
    container(kind(system, "Deployment"))["securityContext"]["capabilities"] = {"drop": ["NET_RAW"]}
    assert "drop ALL" in " ".join(checks.check_pod_security(system))


# ---- schemas


def test_core_kinds_are_checked_strictly(system):
    deployment = kind(system, "Deployment")
    assert checks.validate_core(deployment, "1.34.0") == []
    container(deployment)["readOnlyRootFileSystem"] = True  # a typo the API server would drop
    assert checks.validate_core(deployment, "1.34.0")


def test_a_kind_without_schema_fails():
    assert "no schema" in " ".join(checks.validate_core({"apiVersion": "example.com/v1", "kind": "Thing",
                                                          "metadata": {"name": "x"}}, "1.34.0"))


def test_the_job_inside_a_jobsink_is_checked(system):
    jobsink = kind(system, "JobSink")
    (job,) = checks.embedded_documents(jobsink)
    assert checks.validate_core(job, "1.34.0") == []
    jobsink["spec"]["job"]["spec"]["completionsMode"] = "Indexed"
    (job,) = checks.embedded_documents(jobsink)
    assert checks.validate_core(job, "1.34.0")


CRD = """
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: things.example.com}
spec:
  group: example.com
  names: {kind: Thing, plural: things}
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              properties:
                port: {x-kubernetes-int-or-string: true}
                note: {type: string, nullable: true}
                free: {type: object, x-kubernetes-preserve-unknown-fields: true}
"""


def test_converted_crds_refuse_unknown_fields(tmp_path):
    crd_file = tmp_path / "thing.yaml"
    crd_file.write_text(CRD)
    (schema_file,) = crd_to_json_schema.convert(tmp_path / "out", [crd_file])
    assert schema_file == tmp_path / "out" / "example.com" / "thing_v1.json"
    schema = yaml.safe_load(schema_file.read_text())
    good = {"apiVersion": "example.com/v1", "kind": "Thing", "metadata": {"name": "a"},
            "spec": {"port": "http", "note": None, "free": {"anything": 1}}}
    jsonschema.validate(good, schema)
    jsonschema.validate({**good, "spec": {"port": 8080}}, schema)
    for bad in ({**good, "spec": {"prot": 8080}}, {**good, "extra": 1}, {**good, "kind": "Other"},
                {**good, "apiVersion": "example.com/v2"}):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(bad, schema)
