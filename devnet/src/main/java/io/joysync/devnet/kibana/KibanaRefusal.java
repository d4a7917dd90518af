package io.joysync.devnet.kibana;

/** Kibana's error answer: {@code {"statusCode", "error", "message"}}. */
final class KibanaRefusal extends RuntimeException {
  private final int status;

  KibanaRefusal(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  static KibanaRefusal badRequest(String message) {
    return new KibanaRefusal(400, message);
  }

  static KibanaRefusal notFound(String type, String id) {
    return new KibanaRefusal(404, "Saved object [" + type + "/" + id + "] not found");
  }

  static KibanaRefusal conflict(String type, String id) {
    return new KibanaRefusal(409, "Saved object [" + type + "/" + id + "] conflict");
  }

  int status() {
    return status;
  }

  String error() {
    return switch (status) {
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 404 -> "Not Found";
      case 409 -> "Conflict";
      default -> "Error";
    };
  }
}
