package io.joysync.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The services {@code ./joysync test} promises the suite, checked first in the build: each answers
 * (under CI a missing one fails here with the fix, before any module's tests start).
 */
class MachineServicesTest {

  @Test
  @Needs(Service.CASSANDRA)
  void cassandraAnswers() {
    assertThat(Service.CASSANDRA.problem()).isEmpty();
  }

  @Test
  @Needs(Service.ELASTICSEARCH)
  void elasticsearchAnswers() {
    assertThat(Service.ELASTICSEARCH.problem()).isEmpty();
  }

  @Test
  @Needs(Service.PROMETHEUS)
  void prometheusAndPromtoolAreInstalled() {
    assertThat(Service.PROMETHEUS.problem()).isEmpty();
  }

  @Test
  @Needs(Service.REFERENCE_KIT)
  void theReferenceKitLoadsPolkadotJs() {
    ReferenceKit.Result loaded =
        ReferenceKit.node(
            60,
            List.of(
                "--input-type=module",
                "-e",
                "import { TypeRegistry } from '@polkadot/types'; console.log('loaded', typeof TypeRegistry)"));

    assertThat(loaded.exit()).as(loaded.output()).isZero();
    assertThat(loaded.output()).contains("loaded function");
  }

  @Test
  void aMissingServiceIsDescribedWithItsFix() {
    assertThat(TestEnvironment.describe(Service.CASSANDRA, "nothing answers on 127.0.0.1:9042"))
        .isEqualTo(
            "Cassandra is not available: nothing answers on 127.0.0.1:9042. Start it with"
                + " `./joysync services up cassandra`.");
  }
}
