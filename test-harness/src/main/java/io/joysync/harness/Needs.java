package io.joysync.harness;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The services a test class (or method) needs: when one is missing its tests are skipped, or fail
 * before they start under CI and {@code JOYSYNC_REQUIRE_ALL} (see {@link TestEnvironment}).
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(ServiceCheck.class)
public @interface Needs {
  Service[] value();
}
