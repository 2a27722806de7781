package com.promocalendar.engine;

import java.lang.ref.Cleaner;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * A pointer owned by the native library, freed exactly once: by {@link #close()} or, as a
 * safety net for a handle nobody closed, by the {@link Cleaner} once its owner is unreachable.
 * The cleaning action holds only this object, never the owner, so the owner can be collected.
 */
final class NativeHandle implements Runnable {

    private static final Cleaner CLEANER = Cleaner.create();

    private final AtomicLong pointer;
    private final LongConsumer free;
    private final String kind;
    private Cleaner.Cleanable cleanable;

    private NativeHandle(long pointer, LongConsumer free, String kind) {
        this.pointer = new AtomicLong(pointer);
        this.free = free;
        this.kind = kind;
    }

    static NativeHandle register(Object owner, long pointer, LongConsumer free, String kind) {
        NativeHandle handle = new NativeHandle(pointer, free, kind);
        handle.cleanable = CLEANER.register(owner, handle);
        return handle;
    }

    /** The live pointer; fails once the handle is closed. */
    long get() {
        long value = pointer.get();
        if (value == 0) {
            throw new IllegalStateException(kind + " is closed");
        }
        return value;
    }

    void close() {
        cleanable.clean();
    }

    @Override
    public void run() {
        long value = pointer.getAndSet(0);
        if (value != 0) {
            free.accept(value);
        }
    }
}
