/**
 * Publishing videos on the Joystream chain, exactly once and close to the chain's capacity.
 *
 * <p>{@link io.joysync.engine.publish.Publisher} is the door: it checks a {@link
 * io.joysync.engine.publish.VideoToCreate}, answers repeats, and routes the video to the {@link
 * io.joysync.engine.publish.SignerAccount} of a member that may add videos to its channel (one
 * account per channel, by rendezvous hash). Each account is a sharded, event-sourced entity and the
 * only holder of its key and nonces. It gathers requests into {@code utility.batch_all} extrinsics
 * sized by the runtime's block weight and length ({@link io.joysync.engine.publish.BatchBudget}),
 * records each extrinsic before broadcasting it, and answers at finality. The guarantees rest on
 * the chain: at most one extrinsic per account and nonce is ever included, and a mortal era bounds
 * when a lost one could still land; so an extrinsic is only ever sent again as the same bytes, and
 * its nonce is signed again only once the finalized chain shows it can no longer land. App-action
 * nonces come from the chain (Orion's count at its processed height plus the chain's VideoCreated
 * events since), and Orion is asked by YouTube id before any video is signed, as a second line of
 * defence. To put an extrinsic into every block, an account under load signs its next one while the
 * last is still in the pool, counting the videos of the last in the app-action nonces, and holds it
 * back until the last succeeded in a block ({@link io.joysync.engine.publish.HeldExtrinsics}). A
 * title or description edit of a video already created ({@link
 * io.joysync.engine.publish.VideoUpdate}) goes the same way as a metadata-only {@code
 * content.update_video}, in the same extrinsics and nonces; an account signs each edit of a video
 * at most once and remembers it to answer a repeat.
 */
package io.joysync.engine.publish;
