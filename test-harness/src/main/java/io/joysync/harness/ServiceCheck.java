package io.joysync.harness;

import java.lang.reflect.AnnotatedElement;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Applies {@link Needs}: a missing service disables the tests (the reason shows in the report),
 * unless every service is required, in which case the tests run into a failure that names the
 * missing service before any of their own set-up.
 */
final class ServiceCheck implements ExecutionCondition, BeforeAllCallback, BeforeEachCallback {

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    if (TestEnvironment.requireAll()) {
      return ConditionEvaluationResult.enabled("every service is required");
    }
    for (Service service : needed(context.getElement())) {
      Optional<String> problem = service.problem();
      if (problem.isPresent()) {
        return ConditionEvaluationResult.disabled(TestEnvironment.describe(service, problem.get()));
      }
    }
    return ConditionEvaluationResult.enabled("the services it needs answer");
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    needed(context.getElement()).forEach(Service::require);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    needed(context.getTestMethod().map(m -> (AnnotatedElement) m)).forEach(Service::require);
  }

  private static List<Service> needed(Optional<? extends AnnotatedElement> element) {
    return element
        .flatMap(e -> AnnotationSupport.findAnnotation(e, Needs.class))
        .map(needs -> List.of(needs.value()))
        .orElse(List.of());
  }
}
