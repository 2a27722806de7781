# The whole chain as the shop meets it — calendar → Flink → JobSink → job →
# inbox → badge — and the same with a fault at the fire time (a killed
# TaskManager, the Flink cluster stopped, the JobSink down, the inbox down for a
# minute, PostgreSQL restarted). No process of its own: it runs last, against
# everything the other parts started, and restarts some of them on purpose
# (./dev stop/start PART). deploy/local/chain/test_chain.py says what each case
# checks; seconds from the start instant to the badge go to .dev/chain-report.json.

part_chain_test() {
  (cd "$ROOT" && python3 -u deploy/local/chain/test_chain.py)
}
