package io.joysync.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** POST /membership bodies: what is accepted and the sentence each kind of bad input gets. */
class MembershipRequestTest {
  private static final String ADDRESS = "5HGjWAeFDfFCWPsjFQdVV2Msvz2XtMktvgocEZcCj68kUMaw";

  private static ObjectNode valid() {
    return Json.MAPPER
        .createObjectNode()
        .put("userId", "user-1")
        .put("authorizationCode", "code-1")
        .put("account", ADDRESS)
        .put("handle", "creator")
        .put("avatar", "https://example.com/a.png")
        .put("about", "")
        .put("name", "Creator");
  }

  private static ApiException refused(ObjectNode body) {
    try {
      MembershipRoutes.parse(body.toString());
    } catch (ApiException e) {
      assertThat(e.status().intValue()).isEqualTo(400);
      return e;
    }
    throw new AssertionError("accepted " + body);
  }

  @Test
  void acceptsAFullBodyAndAnEmptyAbout() {
    MembershipRoutes.Request r = MembershipRoutes.parse(valid().toString());
    assertThat(r.account()).isEqualTo(ADDRESS);
    assertThat(r.avatar()).contains("https://example.com/a.png");
    assertThat(r.about()).contains("");
    ObjectNode noAvatar = valid();
    noAvatar.remove("avatar");
    assertThat(MembershipRoutes.parse(noAvatar.toString()).avatar()).isEqualTo(Optional.empty());
  }

  @Test
  void acceptsAtlasBodyWithoutAboutAndNameAndIgnoresItsCaptchaToken() {
    ObjectNode atlas =
        Json.MAPPER
            .createObjectNode()
            .put("account", ADDRESS)
            .put("handle", "creator")
            .put("avatar", "https://example.com/a.png")
            .put("captchaToken", "P1_eyJ0eXAiOiJKV1Qi")
            .put("userId", "user-1")
            .put("authorizationCode", "code-1");

    MembershipRoutes.Request r = MembershipRoutes.parse(atlas.toString());

    assertThat(r.about()).isEmpty();
    assertThat(r.name()).isEmpty();
    assertThat(r.handle()).isEqualTo("creator");
    assertThat(MembershipRoutes.parse(atlas.putNull("about").toString()).about()).isEmpty();
  }

  @Test
  void aboutAndNameMustBeStringsWhenGiven() {
    assertThat(refused(valid().put("about", false).put("name", 3)).messages())
        .containsExactlyInAnyOrder("body.about must be a string", "body.name must be a string");
  }

  @Test
  void namesEveryProblem() {
    ObjectNode body = valid();
    body.remove("userId");
    body.put("handle", 5);
    body.put("account", "5HGjWAeFDfFCWPsjFQdVV2Msvz2XtMktvgocEZcCj68kUMab");
    body.put("avatar", "ftp://example.com/a.png");
    body.put("name", "n".repeat(MembershipRoutes.NAME_MAX + 1));
    ApiException e = refused(body);
    assertThat(e.code()).isEqualTo("INVALID_BODY");
    assertThat(e.messages())
        .containsExactlyInAnyOrder(
            "body.userId is required",
            "body.handle must be a string",
            "body.account must be an SS58 address",
            "body.avatar must be an http(s) URL",
            "body.name must be at most 256 characters long");
  }

  @Test
  void boundsTheHandle() {
    assertThat(refused(valid().put("handle", "")).messages())
        .containsExactly("body.handle must not be empty");
    assertThat(refused(valid().put("handle", "h".repeat(101))).messages())
        .containsExactly("body.handle must be at most 100 characters long");
  }

  @Test
  void malformedJsonAndNonObjectsAreRefused() {
    assertThatThrownBy(() -> MembershipRoutes.parse("{"))
        .isInstanceOf(ApiException.class)
        .extracting(e -> ((ApiException) e).code())
        .isEqualTo("MALFORMED_JSON");
    assertThatThrownBy(() -> MembershipRoutes.parse("[]"))
        .isInstanceOf(ApiException.class)
        .extracting(e -> ((ApiException) e).code())
        .isEqualTo("INVALID_BODY");
  }
}
