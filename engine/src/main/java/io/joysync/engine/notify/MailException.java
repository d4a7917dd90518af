package io.joysync.engine.notify;

/** The mail server did not take an e-mail: a code and a sentence, never the credentials. */
public final class MailException extends RuntimeException {

  private final String code;

  public MailException(String code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  public String code() {
    return code;
  }
}
