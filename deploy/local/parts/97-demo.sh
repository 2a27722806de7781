# Demo data (deploy/local/demo): a fresh stack shows the product at first sign-in.
# `./dev up` seeds, after every part started, promotions in every state and the
# demo customers' inboxes — once per database cluster (the ids it made are kept
# in .dev/demo/manifest.json). `./dev reset-demo` removes exactly those and seeds
# again. `./dev test` never seeds: tests run on whatever the stack holds.
# No process of its own.

demo_seeder() { # seed|reset|status
  PROMO_JOB_CLIENT_SECRET=$(realm_secret promo-job) CALENDAR_SYNC_CLIENT_SECRET=$(realm_secret event-calendar) \
    CALENDAR_DB_PASSWORD=calendar INBOX_DB_PASSWORD=inbox PROMO_BIN="$ROOT/target/release/promo" \
    python3 "$ROOT/deploy/local/demo/seed_demo.py" "$1"
}

# A failed seeding leaves the stack running without (all of) the demo data and says how to try again.
part_demo_seed() {
  demo_seeder seed || echo "dev: the demo data was not seeded (see above); the stack runs without it — ./dev reset-demo tries again" >&2
}

part_demo_reset() { demo_seeder reset; }

part_demo_info() { demo_seeder status; }
