package io.joysync.engine.notify;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The e-mail templates, one plain-text file per {@link NoticeKind}: a first line {@code Subject:
 * ...}, an empty line, then the body; {@code {{name}}} is replaced by the notice's value of that
 * name. joysync ships a template for each kind; an operator's directory ({@code
 * joysync.mail.templates-dir}) may replace any of them. Every template is read and checked once, at
 * start-up, so a broken one stops the node with its file named rather than failing an e-mail.
 */
public final class NoticeTemplates {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-zA-Z]+)}}");

  private record Template(String subject, String body) {}

  private final Map<NoticeKind, Template> templates;

  private NoticeTemplates(Map<NoticeKind, Template> templates) {
    this.templates = templates;
  }

  /** The shipped templates, each replaced by {@code <dir>/<kind>.txt} where that file exists. */
  public static NoticeTemplates load(Optional<Path> dir) {
    Map<NoticeKind, Template> loaded = new EnumMap<>(NoticeKind.class);
    for (NoticeKind kind : NoticeKind.values()) {
      String name = kind.template() + ".txt";
      Optional<Path> own = dir.map(d -> d.resolve(name)).filter(Files::isRegularFile);
      String text;
      String source;
      if (own.isPresent()) {
        source = own.get().toString();
        try {
          text = Files.readString(own.get(), StandardCharsets.UTF_8);
        } catch (IOException e) {
          throw new IllegalArgumentException("mail template " + source + " cannot be read", e);
        }
      } else {
        source = "the shipped template " + name;
        text = shipped(name);
      }
      loaded.put(kind, parse(source, text));
    }
    return new NoticeTemplates(loaded);
  }

  /** The notice's e-mail; a placeholder without a value reads as empty. */
  public RenderedMail render(NoticeKind kind, Map<String, String> values) {
    Template t = templates.get(kind);
    return new RenderedMail(
        fill(t.subject(), values).replaceAll("[\\r\\n]+", " ").strip(), fill(t.body(), values));
  }

  private static Template parse(String source, String text) {
    String normalized = text.replace("\r\n", "\n");
    int end = normalized.indexOf('\n');
    String first = end < 0 ? normalized : normalized.substring(0, end);
    if (!first.startsWith("Subject:") || first.substring("Subject:".length()).isBlank()) {
      throw new IllegalArgumentException(
          "mail template " + source + " must start with a line 'Subject: ...'");
    }
    String body = end < 0 ? "" : normalized.substring(end + 1).stripLeading();
    if (body.isBlank()) {
      throw new IllegalArgumentException("mail template " + source + " has no body");
    }
    return new Template(first.substring("Subject:".length()).strip(), body);
  }

  private static String fill(String template, Map<String, String> values) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(values.getOrDefault(m.group(1), "")));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String shipped(String name) {
    try (InputStream in = NoticeTemplates.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("the shipped mail template " + name + " is missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
