//! Native vs component: schedule queries per call, rendering 1,000
//! recipients, and component start (compile vs load the cached artifact).

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group};
use jiff::Timestamp;
use promo_engine::template::recipients as recipients_of;
use promo_host::{EngineOptions, PromoEngine, Recipient, RecipientTable};

/// A four-week promotion in Berlin crossing the end of summer time.
const PROMOTION: &str = r#"{
  "id": "autumn-2026", "version": 1, "status": "PUBLISHED", "title": "Autumn Sale",
  "timeZone": "Europe/Berlin", "startsAt": "2026-10-10T10:00", "endsAt": "2026-11-07T00:00", "dailySendTime": "09:00",
  "package": {
    "name": "Warm home", "discountPercent": 25,
    "message": "Hi {{firstName}}, day {{dayNumber}} of {{promotionTitle}}: {{discountPercent}}% off. {{daysLeft}} days left, ends {{endsAt}}.",
    "products": [
      {"sku": "BLANKET-1", "name": "Wool blanket", "priceCents": 8999, "promoPriceCents": 6749, "currency": "EUR"},
      {"sku": "KETTLE-2", "name": "Kettle", "priceCents": 4999, "promoPriceCents": 3749, "currency": "EUR", "url": "http://127.0.0.1:5173/p/KETTLE-2"}
    ]
  }
}"#;

/// 2026-10-20T12:00:00Z, in the middle of the promotion.
const MIDDLE_MS: i64 = 1_792_497_600_000;

/// Customers as the job reads them from Keycloak (owned strings).
fn recipients(count: usize) -> Vec<Recipient> {
    (0..count)
        .map(|i| Recipient {
            user_id: format!("2f6c1e4a-0000-4000-8000-{i:012}"),
            username: format!("customer{i}"),
            first_name: (i % 3 != 0).then(|| format!("Customer {i}")),
            locale: Some("de-DE".into()),
        })
        .collect()
}

/// The batch as the engine takes it: one recipient table (the job packs
/// each batch of customers into one).
fn recipient_table(recipients: &[Recipient]) -> RecipientTable {
    recipients.iter().collect()
}

fn cache_dir() -> std::path::PathBuf {
    std::env::temp_dir().join("promo-bench-cache")
}

fn engine() -> PromoEngine {
    PromoEngine::new(&EngineOptions { cache_dir: Some(cache_dir()), ..EngineOptions::default() }).expect("engine")
}

fn schedule(c: &mut Criterion) {
    let engine = engine();
    let native = promo_engine::promotion::parse(PROMOTION).unwrap();
    let native_schedule = &native.schedule;
    let mut component_schedule = engine.check(PROMOTION).unwrap().into_schedule();
    let middle = Timestamp::from_millisecond(MIDDLE_MS).unwrap();
    assert_eq!(
        native_schedule.next_fire(middle).map(|o| o.fire_at.as_millisecond()),
        component_schedule.next_fire(MIDDLE_MS).unwrap().map(|o| o.fire_at),
        "native and component disagree"
    );

    let mut group = c.benchmark_group("schedule");
    group.bench_function("next_fire/native", |b| b.iter(|| native_schedule.next_fire(black_box(middle))));
    group.bench_function("next_fire/component", |b| b.iter(|| component_schedule.next_fire(black_box(MIDDLE_MS)).unwrap()));
    group.bench_function("due_at/native", |b| b.iter(|| native_schedule.due_at(black_box(middle))));
    group.bench_function("due_at/component", |b| b.iter(|| component_schedule.due_at(black_box(MIDDLE_MS)).unwrap()));
    group.bench_function("occurrences/native", |b| b.iter(|| native_schedule.occurrences().to_vec()));
    group.bench_function("occurrences/component", |b| b.iter(|| component_schedule.occurrences().unwrap()));
    group.bench_function("check/native", |b| b.iter(|| promo_engine::promotion::parse(black_box(PROMOTION)).unwrap()));
    group.bench_function("check/component_in_fresh_instance", |b| b.iter(|| engine.check(black_box(PROMOTION)).unwrap()));
    group.bench_function("instantiate/component", |b| b.iter(|| engine.session().unwrap()));
    group.finish();
}

/// What the calendar asks the engine per request, through the component: one
/// `check` reads the promotion JSON once and the same handle answers the rest.
/// (Before issue 15 each answer was its own call that read the JSON again —
/// a save: validate, then plan; a preview: plan, then parse and prepare. The
/// two paths side by side in one run: README.md.)
fn calendar_request(c: &mut Criterion) {
    let engine = engine();
    let sample_recipient = recipient_table(&recipients(1));
    let mut group = c.benchmark_group("calendar_request");
    group.bench_function("save", |b| {
        b.iter(|| {
            let mut checked = engine.check(black_box(PROMOTION)).unwrap();
            let schedule = checked.schedule();
            (schedule.start().unwrap(), schedule.end().unwrap(), schedule.occurrences().unwrap())
        })
    });
    group.bench_function("preview", |b| {
        b.iter(|| {
            let mut checked = engine.check(black_box(PROMOTION)).unwrap();
            let schedule = checked.schedule();
            let interval = (schedule.start().unwrap(), schedule.end().unwrap());
            (interval, schedule.occurrences().unwrap(), checked.render(0, &sample_recipient).unwrap())
        })
    });
    group.finish();
}

fn render(c: &mut Criterion) {
    let engine = engine();
    let recipients = recipient_table(&recipients(1000));
    // Natively, the engine's modules read the same recipients from the same table.
    let (text, ends) = recipients.parts();
    let native_renderer = promo_engine::promotion::parse(PROMOTION).unwrap().renderer(10).unwrap();
    let mut renderer = engine.check(PROMOTION).unwrap().into_renderer(10).unwrap();
    let native_batch = native_renderer.render(recipients_of(text, ends).unwrap()).unwrap();
    let component_batch = renderer.render(&recipients).unwrap();
    assert_eq!(native_batch.subject, component_batch.subject, "native and component disagree");
    assert_eq!(native_batch.rendered().len(), component_batch.messages.len(), "native and component disagree");
    for (native, component) in native_batch.rendered().zip(component_batch.messages.iter()) {
        assert_eq!(
            (native.idempotency_key, native.recipient_id, native.body),
            (component.idempotency_key, component.recipient_id, component.body),
            "native and component disagree"
        );
    }

    let mut group = c.benchmark_group("render_1000_recipients");
    group.bench_function("native", |b| b.iter(|| native_renderer.render(recipients_of(black_box(text), black_box(ends)).unwrap()).unwrap()));
    group.bench_function("component", |b| b.iter(|| renderer.render(black_box(&recipients)).unwrap()));
    group.bench_function("component_to_inbox_json", |b| b.iter(|| renderer.render(black_box(&recipients)).unwrap().to_inbox_messages()));
    group.finish();
}

fn start(c: &mut Criterion) {
    drop(engine()); // makes sure the cached artifact exists
    let mut group = c.benchmark_group("component_start");
    group.sample_size(10).measurement_time(Duration::from_secs(10));
    group.bench_function("compile_from_wasm", |b| {
        b.iter(|| PromoEngine::new(&EngineOptions { cache_dir: None, ..EngineOptions::default() }).unwrap())
    });
    group.bench_function("load_precompiled", |b| b.iter(engine));
    group.finish();
}

fn quick() -> Criterion {
    Criterion::default().sample_size(20).warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_secs(2))
}

/// glibc gives freed memory at the top of the heap back to the kernel once
/// more than 128 KiB of it is free. A render allocates and frees a few hundred
/// KiB per iteration (its tables), so whether each iteration faulted fresh
/// pages in depended on the heap's state when the process started: figures of
/// the same binary differed by up to 2× between runs. Keeping freed memory in
/// the process makes every iteration reuse the same pages, native and
/// component alike.
fn keep_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only changes glibc's tunables; called before any benchmark allocates.
    unsafe {
        libc::mallopt(libc::M_TRIM_THRESHOLD, 256 << 20);
        libc::mallopt(libc::M_TOP_PAD, 16 << 20);
        libc::mallopt(libc::M_MMAP_THRESHOLD, 32 << 20);
    }
}

criterion_group! { name = benches; config = quick(); targets = schedule, calendar_request, render, start }

fn main() {
    keep_freed_memory();
    benches();
    Criterion::default().configure_from_args().final_summary();
}
