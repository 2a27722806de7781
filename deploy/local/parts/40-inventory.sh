# Part: the stand-in inventory service (examples/inventory, FastAPI on $INVENTORY_PORT).
# Its virtualenv lives in $PROMO_CACHE keyed by the hash of requirements.txt, so a
# fresh clone reuses it and a change of pins builds a new one.
# Product `url`s point at the web app's /products/{sku} page (SHOP_WEB_URL), pictures at
# the inventory itself (INVENTORY_PUBLIC_URL).

inventory_dir() { echo "$ROOT/examples/inventory"; }

inventory_venv() { python_venv inventory "$(inventory_dir)/requirements.txt"; }

part_inventory_build() { build_python_venv inventory "$(inventory_dir)/requirements.txt"; }

part_inventory_start() {
  start_process inventory env INVENTORY_PUBLIC_URL="$INVENTORY_URL" SHOP_WEB_URL="http://127.0.0.1:$WEB_PORT" \
    "$(inventory_venv)/bin/python" -m uvicorn inventory.app:app \
    --app-dir "$(inventory_dir)" --host 127.0.0.1 --port "$INVENTORY_PORT" --no-access-log
  wait_for_http inventory "$INVENTORY_URL/health" 60
}

part_inventory_stop() { stop_process inventory; }

part_inventory_test() {
  (cd "$(inventory_dir)" && "$(inventory_venv)/bin/python" -m pytest -q -p no:cacheprovider tests)
}

part_inventory_info() {
  echo "  inventory (stand-in)   $INVENTORY_URL/products?query=coffee"
}
