package io.joysync.devnet.orion;

import io.joysync.devnet.chain.ChainNode;
import io.joysync.devnet.chain.ChainRecords.Bag;
import io.joysync.devnet.chain.ChainRecords.StorageBucket;
import io.joysync.devnet.chain.Genesis;
import io.joysync.devnet.orion.OrionIndex.ChannelRow;
import io.joysync.devnet.orion.OrionIndex.MemberRow;
import io.joysync.devnet.orion.OrionIndex.ObjectRow;
import io.joysync.devnet.orion.OrionIndex.VideoRow;
import io.joysync.joystream.keys.Ss58;
import io.joysync.joystream.scale.Hex;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The part of Orion's GraphQL schema joysync and youtube-synch query (section 9 of the protocol
 * notes): channels, videos (with videosConnection), memberships, apps, storage buckets, storage
 * data objects, processorState and squidStatus, as {@link GqlNode} graphs over the index. Storage
 * buckets are read from the chain, with this devnet's Colossus as every operator's endpoint.
 */
final class OrionSchema {
  private final OrionIndex index;
  private final ChainNode chain;
  private final String nodeEndpoint;

  OrionSchema(OrionIndex index, ChainNode chain, String nodeEndpoint) {
    this.index = index;
    this.chain = chain;
    this.nodeEndpoint = nodeEndpoint;
  }

  GqlNode root() {
    GqlNode q = new GqlNode("Query");
    q.withArgs("channelByUniqueInput", a -> channel(uniqueId(a)));
    q.withArgs("channelById", a -> channel(id(a.get("id"))));
    q.withArgs("channels", a -> GqlLists.query(all(index.channels.values(), this::channelNode), a));
    q.withArgs("videoByUniqueInput", a -> video(uniqueId(a)));
    q.withArgs("videoById", a -> video(id(a.get("id"))));
    q.withArgs("videos", a -> GqlLists.query(all(index.videos.values(), this::videoNode), a));
    q.withArgs("videosConnection", this::videosConnection);
    q.withArgs("membershipByUniqueInput", a -> member(uniqueId(a)));
    q.withArgs("membershipById", a -> member(id(a.get("id"))));
    q.withArgs(
        "memberships", a -> GqlLists.query(all(index.members.values(), this::memberNode), a));
    q.withArgs("apps", a -> GqlLists.query(all(index.apps, this::appNode), a));
    q.withArgs("appById", a -> app(String.valueOf(a.get("id"))));
    q.withArgs("storageBuckets", a -> GqlLists.query(buckets(), a));
    q.withArgs(
        "storageDataObjects",
        a -> GqlLists.query(all(index.objects.values(), this::objectNode), a));
    q.withArgs("storageDataObjectById", a -> object(id(a.get("id"))));
    q.lazy(
        "processorState",
        () ->
            new GqlNode("ProcessorState")
                .put("lastProcessedBlock", (int) index.lastProcessedBlock()));
    q.lazy(
        "squidStatus",
        () -> new GqlNode("SquidStatus").put("height", (int) index.lastProcessedBlock()));
    return q;
  }

  private static <T> List<GqlNode> all(java.util.Collection<T> rows, Function<T, GqlNode> f) {
    List<GqlNode> out = new ArrayList<>();
    rows.forEach(r -> out.add(f.apply(r)));
    return out;
  }

  private static long uniqueId(Map<String, Object> args) {
    Object where = args.get("where");
    return id(GqlLists.asMap(where == null ? Map.of() : where).get("id"));
  }

  private static long id(Object v) {
    try {
      return Long.parseLong(String.valueOf(v));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private GqlNode channel(long id) {
    return Optional.ofNullable(index.channels.get(id)).map(this::channelNode).orElse(null);
  }

  private GqlNode video(long id) {
    return Optional.ofNullable(index.videos.get(id)).map(this::videoNode).orElse(null);
  }

  private GqlNode member(long id) {
    return Optional.ofNullable(index.members.get(id)).map(this::memberNode).orElse(null);
  }

  private GqlNode object(long id) {
    return Optional.ofNullable(index.objects.get(id)).map(this::objectNode).orElse(null);
  }

  private GqlNode app(String id) {
    return index.apps.stream()
        .filter(a -> a.id().equals(id))
        .findFirst()
        .map(this::appNode)
        .orElse(null);
  }

  GqlNode memberNode(MemberRow m) {
    GqlNode meta = new GqlNode("MemberMetadata").put("name", m.name).put("about", m.about);
    return new GqlNode("Membership")
        .put("id", Long.toString(m.id))
        .put("handle", m.handle)
        .put("controllerAccount", m.controller)
        .put("metadata", meta);
  }

  GqlNode channelNode(ChannelRow c) {
    return new GqlNode("Channel")
        .put("id", Long.toString(c.id))
        .put("title", c.title)
        .put("description", c.description)
        .put("language", c.language)
        .put("isPublic", true)
        .put("totalVideosCreated", c.totalVideosCreated)
        .put("createdInBlock", (int) c.createdInBlock)
        .lazy("ownerMember", () -> member(c.owner))
        .withArgs(
            "videos",
            a ->
                GqlLists.query(
                    all(
                        index.videos.values().stream().filter(v -> v.channel == c.id).toList(),
                        this::videoNode),
                    a));
  }

  GqlNode videoNode(VideoRow v) {
    return new GqlNode("Video")
        .put("id", Long.toString(v.id))
        .put("title", v.title)
        .put("description", v.description)
        .put("ytVideoId", v.ytVideoId)
        .put("duration", v.duration)
        .put("isPublic", v.isPublic)
        .put("createdAt", v.createdAt)
        .put("createdInBlock", (int) v.createdInBlock)
        .put("videoStateBloatBond", v.bloatBond)
        .lazy("language", () -> v.language)
        .lazy("entryApp", () -> v.entryApp == null ? null : app(v.entryApp))
        .lazy("channel", () -> channel(v.channel))
        .lazy("media", () -> v.media == null ? null : object(v.media))
        .lazy("thumbnailPhoto", () -> v.thumbnail == null ? null : object(v.thumbnail));
  }

  GqlNode appNode(Genesis.App a) {
    return new GqlNode("App")
        .put("id", a.id())
        .put("name", a.name())
        .lazy("ownerMember", () -> member(a.ownerMember()))
        .put("websiteUrl", null)
        .put("useUri", null)
        .put("smallIcon", null)
        .put("mediumIcon", null)
        .put("bigIcon", null)
        .put("oneLiner", null)
        .put("description", null)
        .put("termsOfService", null)
        .put("category", null)
        .put("authKey", Hex.encode(a.authKey()))
        .put("platforms", List.of());
  }

  GqlNode objectNode(ObjectRow o) {
    GqlNode type = new GqlNode(o.type).lazy("video", () -> o.video == null ? null : video(o.video));
    return new GqlNode("StorageDataObject")
        .put("id", Long.toString(o.id))
        .put("isAccepted", o.accepted)
        .put("size", BigInteger.valueOf(o.size))
        .put("ipfsHash", o.ipfsHash)
        .put("stateBloatBond", o.bond)
        .put("type", type)
        .put("storageBag", new GqlNode("StorageBag").put("id", "dynamic:channel:" + o.channel));
  }

  private List<GqlNode> buckets() {
    List<StorageBucket> buckets = chain.read(rt -> rt.state().allBuckets());
    List<GqlNode> out = new ArrayList<>();
    for (StorageBucket b : buckets) {
      List<GqlNode> bags = new ArrayList<>();
      for (long channelId : index.channels.keySet()) {
        Optional<Bag> bag = chain.read(rt -> rt.state().channelBag(channelId));
        if (bag.isPresent() && bag.get().storedBy().contains(b.id())) {
          String bagId = bag.get().bagId();
          bags.add(
              new GqlNode("StorageBucketBag")
                  .put("id", b.id() + "-" + bagId)
                  .put("bag", new GqlNode("StorageBag").put("id", bagId)));
        }
      }
      GqlNode status =
          new GqlNode("StorageBucketOperatorStatusActive")
              .put("workerId", (int) b.workerId())
              .put("transactorAccountId", Ss58.encode(b.transactor().bytes()));
      out.add(
          new GqlNode("StorageBucket")
              .put("id", Long.toString(b.id()))
              .put("acceptingNewBags", b.acceptingNewBags())
              .put("dataObjectsSize", BigInteger.valueOf(b.sizeUsed()))
              .put("dataObjectsSizeLimit", BigInteger.valueOf(b.sizeLimit()))
              .put("dataObjectsCount", BigInteger.valueOf(b.objectsUsed()))
              .put("dataObjectCountLimit", BigInteger.valueOf(b.objectsLimit()))
              .put("operatorStatus", status)
              .put(
                  "operatorMetadata",
                  new GqlNode("StorageBucketOperatorMetadata")
                      .put("nodeEndpoint", nodeEndpoint)
                      .put("extra", null))
              .put("bags", bags));
    }
    return out;
  }

  private Object videosConnection(Map<String, Object> a) {
    Map<String, Object> listArgs = new java.util.HashMap<>();
    listArgs.put("where", a.get("where"));
    listArgs.put("orderBy", a.get("orderBy"));
    List<GqlNode> all = GqlLists.query(all(index.videos.values(), this::videoNode), listArgs);
    int start = a.get("after") == null ? 0 : (int) Math.max(0, id(a.get("after")));
    int first = GqlLists.intArg(a.get("first"), all.size());
    int end = (int) Math.min(all.size(), (long) start + first);
    List<GqlNode> edges = new ArrayList<>();
    for (int i = start; i < end; i++) {
      edges.add(
          new GqlNode("VideoEdge").put("cursor", Integer.toString(i + 1)).put("node", all.get(i)));
    }
    GqlNode page =
        new GqlNode("PageInfo")
            .put("hasNextPage", end < all.size())
            .put("hasPreviousPage", start > 0)
            .put("startCursor", edges.isEmpty() ? null : Integer.toString(start + 1))
            .put("endCursor", edges.isEmpty() ? null : Integer.toString(end));
    return new GqlNode("VideosConnection")
        .put("totalCount", all.size())
        .put("edges", edges)
        .put("pageInfo", page);
  }
}
