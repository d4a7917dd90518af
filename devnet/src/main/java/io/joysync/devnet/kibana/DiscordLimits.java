package io.joysync.devnet.kibana;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Discord's limits for a webhook message (content at most 2000 characters, a username at most 80,
 * at most 10 embeds, content or embeds present), checked on a Kibana webhook action's body as
 * Kibana would render it at its largest: each Mustache variable replaced by the longest value it
 * can take ({@link #LONGEST}; a log line's fields unbounded, others 256 characters), JSON-escaped
 * as Kibana escapes webhook bodies, and each section ({@code {{#context.hits}}...}) repeated for
 * every hit the rule returns.
 */
public final class DiscordLimits {

  public static final int MAX_CONTENT = 2000;
  public static final int MAX_USERNAME = 80;
  public static final int MAX_EMBEDS = 10;

  /** The longest values of Kibana's rule action variables that joysync's templates use. */
  static final Map<String, Integer> LONGEST =
      Map.of(
          "context.value", 20,
          "context.conditions", 200,
          "context.date", 30,
          "context.title", 300,
          "context.message", 1000,
          "rule.url", 512,
          "rule.id", 36,
          "date", 30);

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern SECTION =
      Pattern.compile("\\{\\{#([^}]+)}}(.*?)\\{\\{/\\1}}", Pattern.DOTALL);
  private static final Pattern VARIABLE = Pattern.compile("\\{\\{\\{?\\s*([^#/}][^}]*?)\\s*}?}}");

  private DiscordLimits() {}

  /** Whether {@code url} is a Discord webhook (whose limits then apply). */
  public static boolean isDiscord(String url) {
    try {
      URI uri = URI.create(url);
      String host = uri.getHost() == null ? "" : uri.getHost();
      return (host.equals("discord.com")
              || host.endsWith(".discord.com")
              || host.equals("discordapp.com"))
          && uri.getPath() != null
          && uri.getPath().startsWith("/api/webhooks/");
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * The message Discord would receive at its largest, as JSON; refused with the limit it breaks.
   */
  public static JsonNode worstCase(String body, String ruleName, int hits) {
    String sections = body;
    Matcher s = SECTION.matcher(sections);
    StringBuilder expanded = new StringBuilder();
    while (s.find()) {
      s.appendReplacement(expanded, Matcher.quoteReplacement(s.group(2).repeat(Math.max(hits, 0))));
    }
    s.appendTail(expanded);
    Matcher v = VARIABLE.matcher(expanded);
    StringBuilder rendered = new StringBuilder();
    while (v.find()) {
      String name = v.group(1).trim();
      String value = name.equals("rule.name") ? ruleName : "\"".repeat(longest(name));
      v.appendReplacement(rendered, Matcher.quoteReplacement(escapeJson(value)));
    }
    v.appendTail(rendered);
    JsonNode message;
    try {
      message = JSON.readTree(rendered.toString());
    } catch (Exception e) {
      throw KibanaRefusal.badRequest("the Discord webhook body is not JSON once rendered");
    }
    if (message == null || !message.isObject()) {
      throw KibanaRefusal.badRequest("the Discord webhook body must be a JSON object");
    }
    int content =
        message
            .path("content")
            .asText("")
            .codePointCount(0, message.path("content").asText("").length());
    if (content > MAX_CONTENT) {
      throw KibanaRefusal.badRequest(
          "Discord refuses content longer than "
              + MAX_CONTENT
              + " characters; this body reaches "
              + content);
    }
    if (message.path("username").asText("").length() > MAX_USERNAME) {
      throw KibanaRefusal.badRequest("Discord refuses a username longer than " + MAX_USERNAME);
    }
    if (message.path("embeds").size() > MAX_EMBEDS) {
      throw KibanaRefusal.badRequest("Discord refuses more than " + MAX_EMBEDS + " embeds");
    }
    if (content == 0 && message.path("embeds").isEmpty()) {
      throw KibanaRefusal.badRequest("Discord refuses a message without content or embeds");
    }
    return message;
  }

  /** A field of a log line ({@code _source.message}) has no bound: it may exceed any limit. */
  private static int longest(String variable) {
    if (variable.startsWith("_source.") || variable.startsWith("fields.")) {
      return MAX_CONTENT + 1;
    }
    return LONGEST.getOrDefault(variable, 256);
  }

  private static String escapeJson(String value) {
    String quoted = JSON.getNodeFactory().textNode(value).toString();
    return quoted.substring(1, quoted.length() - 1);
  }
}
