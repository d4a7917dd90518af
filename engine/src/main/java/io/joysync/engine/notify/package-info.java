/**
 * Creator e-mails: what joysync tells a creator (sign-up, verification with its tier, suspension
 * with its reason, leaving the program, the first video on Joystream), in templates operators may
 * replace, sent over SMTP at most once per event, never on a request's path. Off unless an SMTP
 * host is configured ({@code joysync.mail}).
 */
package io.joysync.engine.notify;
