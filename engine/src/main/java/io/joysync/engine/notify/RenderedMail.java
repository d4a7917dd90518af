package io.joysync.engine.notify;

/** An e-mail ready to send: its subject and plain-text body. */
public record RenderedMail(String subject, String body) {}
