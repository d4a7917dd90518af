/**
 * joysync's YouTube side: everything that reads from YouTube, built per node by {@link
 * io.joysync.engine.youtube.YoutubeSide#create} from {@link
 * io.joysync.engine.youtube.YoutubeSettings} ({@code joysync.youtube}).
 *
 * <ul>
 *   <li>{@code api}: the Data API v3 and OAuth on Google's client libraries, with typed {@link
 *       io.joysync.engine.youtube.YoutubeApiException}s.
 *   <li>{@code quota}: the quota governor (sign-up reserve, sync budget, waiting for the next
 *       Pacific day) over a {@link io.joysync.engine.youtube.quota.QuotaLedger} shared by the
 *       cluster.
 *   <li>{@code onboarding}: sign-up requirements and tiers.
 *   <li>{@code discovery}: RSS (conditional GET) and WebSub (stateless, signed) discovery of new
 *       uploads, without quota.
 *   <li>{@code download}: yt-dlp, its error taxonomy, thumbnails and the SOCKS5 proxy pool.
 *   <li>{@code media}: ffprobe media facts.
 * </ul>
 */
package io.joysync.engine.youtube;
