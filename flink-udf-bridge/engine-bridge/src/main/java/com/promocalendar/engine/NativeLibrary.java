package com.promocalendar.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.UUID;

/**
 * Loads the JNI library that ships inside this jar, the way Flink's RocksDB state backend
 * loads RocksDB: copy it to a fresh, uniquely named temporary file and {@link System#load} that.
 *
 * <p>Why a unique file each time: the JVM binds a native library to the first class loader
 * that loads it, and refuses the same path from a second one ("already loaded in another
 * classloader"). Flink gives every job its own child-first user-code class loader, so a job
 * that is restarted, or two jobs in one task manager, each load this class again. A new file
 * per class loader is a new library for the dynamic linker, so each loader gets its own copy.
 * The static {@code loaded} flag keeps it to one load per class loader.
 */
final class NativeLibrary {

    /** Absolute path of a library to load instead of the bundled one (development). */
    static final String LIBRARY_PATH_PROPERTY = "promo.engine.library";

    /** Directory for the extracted copy; defaults to {@code java.io.tmpdir}. */
    static final String TEMP_DIRECTORY_PROPERTY = "promo.engine.tmpdir";

    private static final String LIBRARY_NAME = "libpromo_engine_jni.so";
    private static final int ATTEMPTS = 3;

    private static boolean loaded;

    private NativeLibrary() {}

    static synchronized void ensureLoaded() {
        if (loaded) {
            return;
        }
        String override = System.getProperty(LIBRARY_PATH_PROPERTY);
        if (override != null && !override.isBlank()) {
            System.load(Path.of(override).toAbsolutePath().toString());
        } else {
            loadBundled();
        }
        loaded = true;
    }

    private static void loadBundled() {
        String resource = "native/" + platform() + "/" + LIBRARY_NAME;
        Path directory = Path.of(System.getProperty(TEMP_DIRECTORY_PROPERTY, System.getProperty("java.io.tmpdir")));
        UnsatisfiedLinkError lastFailure = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Path copy = directory.resolve("promo-engine-jni-" + UUID.randomUUID() + ".so");
            try {
                extract(resource, copy);
                System.load(copy.toString());
                return;
            } catch (UnsatisfiedLinkError e) {
                lastFailure = e;
            } finally {
                // The dynamic linker keeps the mapping; the file itself is no longer needed.
                deleteQuietly(copy);
            }
        }
        throw lastFailure;
    }

    private static void extract(String resource, Path target) {
        try (InputStream in = NativeLibrary.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new UnsatisfiedLinkError("promo engine: no native library for " + platform()
                        + " in the jar (expected " + resource + ")");
            }
            Files.createDirectories(target.getParent());
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("promo engine: cannot extract the native library to " + target, e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            file.toFile().deleteOnExit();
        }
    }

    private static String platform() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        String osName = os.contains("linux") ? "linux" : os.contains("mac") ? "darwin" : os;
        String archName = arch.equals("amd64") || arch.equals("x86_64") ? "x86_64" : arch;
        return osName + "-" + archName;
    }
}
