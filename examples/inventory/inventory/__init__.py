"""Stand-in for the shop's inventory service: a seeded product catalog over HTTP."""
