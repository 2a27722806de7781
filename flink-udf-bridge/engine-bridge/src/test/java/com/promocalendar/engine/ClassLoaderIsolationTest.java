package com.promocalendar.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Flink loads a job's classes in a child-first class loader per job (and again after a
 * restart). The JVM binds a native library to one class loader, so each loader must get its
 * own copy: here three loaders (this one and two isolated ones) use the engine side by side.
 */
class ClassLoaderIsolationTest {

    @Test
    void engineWorksInSeveralIsolatedClassLoadersAtOnce() throws Exception {
        URL classes = PromoEngine.class.getProtectionDomain().getCodeSource().getLocation();
        String promotion = Promotions.workedExample();
        try (PromoEngine here = PromoEngine.create();
                URLClassLoader first = new URLClassLoader(new URL[] {classes}, ClassLoader.getPlatformClassLoader());
                URLClassLoader second = new URLClassLoader(new URL[] {classes}, ClassLoader.getPlatformClassLoader())) {
            int expected = here.occurrences(promotion).size();
            assertThat(occurrenceCountIn(first, promotion)).isEqualTo(expected);
            assertThat(occurrenceCountIn(second, promotion)).isEqualTo(expected);
            assertThat(expected).isEqualTo(3);
        }
    }

    private static int occurrenceCountIn(ClassLoader loader, String promotion) throws Exception {
        Class<?> engineClass = Class.forName(PromoEngine.class.getName(), true, loader);
        assertThat(engineClass).isNotSameAs(PromoEngine.class);
        Object engine = engineClass.getMethod("create").invoke(null);
        try {
            Method occurrences = engineClass.getMethod("occurrences", String.class);
            return ((List<?>) occurrences.invoke(engine, promotion)).size();
        } finally {
            ((AutoCloseable) engine).close();
        }
    }
}
