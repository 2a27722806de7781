#!/usr/bin/env python3
"""Checks every image's Containerfile without building it (no container engine
or registry is reachable where this runs). The images, their Containerfiles and
build contexts are listed once, in deploy/images/images.json.

For each image:
  - hadolint (the Dockerfile linter) finds nothing, at any severity;
  - BuildKit's own parser reads the file; every base image is pinned to a
    version tag or a digest, named with its registry, never `latest`;
  - the final stage runs as the numeric user 10001:10001 (the pods say
    runAsNonRoot; the kubelet can check only a numeric user);
  - no ADD (a remote URL would be fetched unchecked; COPY says what it does),
    no secret-looking ENV or ARG;
  - the build context has its ignore file (.dockerignore, read by podman and
    docker alike), which keeps out build output, local state and .git — at the
    repository root the `target` symlink and `.dev/` above all — while every
    file a COPY names from the context is let in (as a fresh clone has it);
  - the header's build command names the image and context of images.json.

usage: check-images.py  (with hadolint and the `dockerfile` package on the path:
       deploy/images/requirements.txt). Exit 0 when all checks pass, 1 otherwise.
"""
import json
import pathlib
import re
import shutil
import subprocess
import sys

import dockerfile

ROOT = pathlib.Path(__file__).resolve().parents[2]
USER = "10001:10001"
SECRET_NAME = re.compile(r"(PASSWORD|SECRET|TOKEN|CREDENTIAL|PRIVATE_KEY)", re.I)
# Paths that must never reach a build, per context ("." is the repository root).
NEVER_SENT = [".git/config", ".dev/postgres/PG_VERSION", "target/release/promo", "node_modules/x/index.js",
              "flink-udf-bridge/engine-bridge/target/x.jar", "services/event-calendar/target/x.jar",
              "host/promo/target/x", "dist/index.html"]

failures = []


def check(condition, what):
    print(("ok   " if condition else "FAIL ") + what)
    if not condition:
        failures.append(what)


def ignore_rules(context):
    rules = []
    for line in (context / ".dockerignore").read_text().splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        negated = line.startswith("!")
        pattern = line[1:] if negated else line
        rules.append((negated, pattern_regex(pattern.strip("/"))))
    return rules


def pattern_regex(pattern):
    """A .dockerignore pattern (Go's filepath.Match plus `**`) as a regex on slash paths."""
    out, i = "", 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out, i = out + "(?:.*/)?", i + 3
        elif pattern.startswith("**", i):
            out, i = out + ".*", i + 2
        elif pattern[i] == "*":
            out, i = out + "[^/]*", i + 1
        elif pattern[i] == "?":
            out, i = out + "[^/]", i + 1
        else:
            out, i = out + re.escape(pattern[i]), i + 1
    return re.compile(out + r"\Z")


def sent(rules, path):
    """Whether a context-relative path reaches the build: the last rule matching the
    path or one of its parent directories decides (docker's and podman's semantics)."""
    parts = path.split("/")
    candidates = ["/".join(parts[:n]) for n in range(1, len(parts) + 1)]
    excluded = False
    for negated, regex in rules:
        if any(regex.match(candidate) for candidate in candidates):
            excluded = not negated
    return not excluded


def tracked_files(context, source):
    """The committed files under a COPY source (what a fresh clone has), context-relative."""
    listed = subprocess.run(["git", "-C", str(context), "ls-files", "--", source], capture_output=True, text=True,
                            check=True).stdout.split()
    return listed


def check_image(image, registry, version):
    name, containerfile, context = image["name"], ROOT / image["containerfile"], ROOT / image["context"]
    label = f"{name} ({image['containerfile']})"
    if not containerfile.is_file():
        check(False, f"{label}: the Containerfile exists")
        return
    linted = subprocess.run(["hadolint", "--no-color", str(containerfile)], capture_output=True, text=True)
    check(linted.returncode == 0, f"{label}: hadolint finds nothing {linted.stdout.strip()}")

    commands = dockerfile.parse_file(str(containerfile))
    stages, final_user, final_stage_start, secrets = set(), None, 0, []
    for command in commands:
        if command.cmd == "FROM":
            base = command.value[0]
            if len(command.value) == 3 and command.value[1].upper() == "AS":
                stages.add(command.value[2])
            final_user, final_stage_start = None, command.start_line
            if base in stages:
                continue
            repository, _, digest = base.partition("@")
            tag = repository.rsplit(":", 1)[1] if ":" in repository.rsplit("/", 1)[-1] else ""
            check("." in base.split("/")[0] and (digest.startswith("sha256:") or re.search(r"\d", tag))
                  and tag != "latest",
                  f"{label}: base {base} is named with its registry and pinned to a version or digest")
        elif command.cmd == "USER":
            final_user = command.value[0]
        elif command.cmd == "ADD":
            check(False, f"{label}:{command.start_line}: ADD (use COPY; never fetch a URL unchecked)")
        elif command.cmd in ("ENV", "ARG"):
            names = command.value[0::2] if command.cmd == "ENV" else [v.split("=")[0] for v in command.value]
            secrets += [f"{command.cmd} {variable} (line {command.start_line})" for variable in names
                        if SECRET_NAME.search(variable)]
        elif command.cmd == "COPY" and not any(flag.startswith("--from=") for flag in command.flags):
            rules = ignore_rules(context) if (context / ".dockerignore").is_file() else []
            for source in command.value[:-1]:
                files = tracked_files(context, source)
                missing = [path for path in files if not sent(rules, path)]
                check(files and not missing,
                      f"{label}:{command.start_line}: COPY {source} — in the context and let in by its ignore file"
                      + (f" (left out: {missing[:3]})" if missing else "" if files else " (no such committed file)"))
    check(not secrets, f"{label}: no secret-looking ENV or ARG {secrets}")
    check(final_user == USER, f"{label}: the final stage (line {final_stage_start}) runs as USER {USER} (got {final_user})")

    ignore_file = context / ".dockerignore"
    check(ignore_file.is_file(), f"{label}: its context {image['context']} has an ignore file (.dockerignore)")
    if ignore_file.is_file():
        rules = ignore_rules(context)
        leaked = [path for path in NEVER_SENT if sent(rules, path)]
        check(not leaked, f"{label}: build output, local state and .git stay out of the context (sent: {leaked})")

    header = containerfile.read_text()
    build = f"-f {image['containerfile']} -t {registry}/{name}:{version} {image['context']}\n"
    check(build in header, f"{label}: its header says how it is built: ... build {build.strip()}")


def main():
    if not shutil.which("hadolint"):
        sys.exit("hadolint is not on the PATH (deploy/images/requirements.txt)")
    listing = json.loads((ROOT / "deploy" / "images" / "images.json").read_text())
    for image in listing["images"]:
        check_image(image, listing["registry"], listing["version"])
    listed = {image["containerfile"] for image in listing["images"]}
    found = {str(path.relative_to(ROOT)) for pattern in ("**/Containerfile", "**/Dockerfile")
             for path in ROOT.glob(pattern) if not {"node_modules", "target", ".dev"} & set(path.parts)}
    check(found <= listed, f"every Containerfile in the repository is listed in images.json (unlisted: {sorted(found - listed)})")
    print(f"\n{len(failures)} check(s) failed" if failures else "\nimages: all checks passed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
