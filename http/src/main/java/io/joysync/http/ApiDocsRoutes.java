package io.joysync.http;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.getFromResourceDirectory;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The API described for the people who call it: the OpenAPI document at {@code /api-spec.json} (as
 * youtube-synch published it) and Swagger UI at {@code /docs}, served from the class path.
 */
public final class ApiDocsRoutes {

  /** The swagger-ui webjar's files, under the version of the webjar on the class path. */
  static final String SWAGGER_UI =
      "META-INF/resources/webjars/swagger-ui/" + webjarVersion("swagger-ui");

  private final String spec;
  private final String page;

  public ApiDocsRoutes() {
    this.spec = resource("api-spec.json").replace("${project.version}", StatusRoutes.version());
    this.page = resource("docs.html");
  }

  public Route route() {
    return get(
        () ->
            concat(
                path(
                    "api-spec.json",
                    () ->
                        complete(
                            HttpResponse.create()
                                .withEntity(
                                    HttpEntities.create(ContentTypes.APPLICATION_JSON, spec)))),
                path(
                    "docs",
                    () ->
                        complete(
                            HttpResponse.create()
                                .withEntity(
                                    HttpEntities.create(ContentTypes.TEXT_HTML_UTF8, page)))),
                pathPrefix(
                    PathMatchers.segment("docs").slash("swagger-ui"),
                    () -> getFromResourceDirectory(SWAGGER_UI))));
  }

  private static String webjarVersion(String artifact) {
    String pom = "/META-INF/maven/org.webjars/" + artifact + "/pom.properties";
    try (InputStream in = ApiDocsRoutes.class.getResourceAsStream(pom)) {
      if (in == null) {
        throw new IllegalStateException(
            "The " + artifact + " webjar is missing from the class path");
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String resource(String name) {
    try (InputStream in = ApiDocsRoutes.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is missing from the http module");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
