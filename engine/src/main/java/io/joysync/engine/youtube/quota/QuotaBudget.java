package io.joysync.engine.youtube.quota;

/**
 * How a project's daily quota is split: {@code dailyLimit} units in all (10 000 by default at
 * Google), of which {@code signupReserve} are kept for sign-ups; sync may spend the rest.
 */
public record QuotaBudget(long dailyLimit, long signupReserve) {

  public QuotaBudget {
    if (dailyLimit < 1) {
      throw new IllegalArgumentException("quota dailyLimit must be positive, was " + dailyLimit);
    }
    if (signupReserve < 0 || signupReserve > dailyLimit) {
      throw new IllegalArgumentException(
          "quota signupReserve must be within 0.." + dailyLimit + ", was " + signupReserve);
    }
  }

  public long syncBudget() {
    return dailyLimit - signupReserve;
  }
}
