package io.joysync.devnet.orion;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code _in} and {@code _not_in} filters find what Orion's equality finds. */
class GqlListsTest {

  private static List<GqlNode> videos() {
    List<GqlNode> all = new ArrayList<>();
    for (int i = 1; i <= 12; i++) {
      all.add(
          new GqlNode("Video")
              .put("id", Integer.toString(i))
              .put("ytVideoId", i % 4 == 0 ? null : "yt-" + i)
              .put("duration", new BigDecimal(i + ".5")));
    }
    return all;
  }

  private static List<String> ids(Map<String, Object> where) {
    return GqlLists.query(videos(), Map.of("where", where)).stream()
        .map(n -> (String) n.get("id"))
        .toList();
  }

  @Test
  void idsMatchByNumericValueWhetherGivenAsTextOrNumber() {
    assertThat(ids(Map.of("id_in", List.of("2", new BigDecimal("10.0"), "007", "x"))))
        .containsExactly("2", "7", "10");
  }

  @Test
  void textMatchesExactlyAndNullMatchesNothing() {
    Map<String, Object> in = Map.of("ytVideoId_in", java.util.Arrays.asList("yt-3", null, "YT-5"));
    assertThat(ids(in)).containsExactly("3");
    assertThat(ids(Map.of("ytVideoId_not_in", List.of("yt-1", "yt-2"))))
        .containsExactly("3", "4", "5", "6", "7", "8", "9", "10", "11", "12");
  }

  @Test
  void aNumberMatchesATextOfTheSameDigits() {
    assertThat(ids(Map.of("duration_in", List.of("3.5", new BigDecimal("6.50")))))
        .containsExactly("3", "6");
  }

  @Test
  void aSingleValueIsAListOfOne() {
    assertThat(ids(Map.of("id_in", "11"))).containsExactly("11");
  }

  @Test
  void relationsAndAndOrStillCombineWithIn() {
    Map<String, Object> where =
        Map.of(
            "OR",
            List.of(Map.of("id_in", List.of("1", "2")), Map.of("ytVideoId_in", List.of("yt-9"))));
    assertThat(ids(where)).containsExactly("1", "2", "9");
  }
}
