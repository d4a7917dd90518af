package io.joysync.joystream.extrinsic;

/**
 * How the signer is written in an extrinsic. Joystream's runtime uses a raw 32-byte AccountId
 * ({@link #ACCOUNT_ID}); most newer Substrate runtimes use {@link #MULTI_ADDRESS} (a {@code 00} tag
 * byte before the account id).
 */
public enum AddressFormat {
  ACCOUNT_ID,
  MULTI_ADDRESS
}
