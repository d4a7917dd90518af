// Drives a devnet chain node with polkadot.js ApiPromise, the client of Atlas and of Joystream's
// tools, along the paths they use: connection set-up, storage queries (one-shot, at a block,
// entries, hash and size), a storage subscription, derives, fee estimation, the default
// signAndSend watched to finality, and event decoding.
//
//   node drive-devnet.mjs ws://127.0.0.1:<port>
//
// Prints one JSON object on stdout (polkadot.js's own logs go to stderr); exits 1 on any failure.
import { ApiPromise, Keyring, WsProvider } from '@polkadot/api';
import { u8aConcat } from '@polkadot/util';
import { base58Encode, blake2AsU8a } from '@polkadot/util-crypto';

console.log = console.error;

const TIMEOUT_MS = 60_000;

function within(promise, what, ms = TIMEOUT_MS) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

// signAndSend without options (nonce and era found by polkadot.js), followed until finalized.
function sendAndFinalize(tx, signer) {
  return new Promise((resolve, reject) => {
    const statuses = [];
    tx.signAndSend(signer, (result) => {
      statuses.push(result.status.type);
      if (result.status.isFinalized) {
        resolve({ result, statuses });
      } else if (result.isError) {
        reject(new Error(`transaction ended ${result.status.type}`));
      }
    }).catch(reject);
  });
}

function eventNames(events) {
  return events.map(({ event }) => `${event.section}.${event.method}`);
}

// A content id in the runtime's shape (46 base58 characters of a 34-byte multihash).
function contentId(text) {
  return base58Encode(u8aConcat(new Uint8Array([0x1e, 0x20]), blake2AsU8a(text, 256)));
}

async function readStorage(api, alice) {
  const [number, account, channel, membership, channels, size, hash, derived, best] =
    await Promise.all([
      api.query.system.number(),
      api.query.system.account(alice.address),
      api.query.content.channelById(1),
      api.query.members.membershipById(1),
      api.query.content.channelById.entries(),
      api.query.system.account.size(alice.address),
      api.query.system.account.hash(alice.address),
      api.derive.balances.all(alice.address),
      api.derive.chain.bestNumber()
    ]);
  const member = membership.isSome ? membership.unwrap() : membership;
  const collaborators = {};
  for (const [id, permissions] of channel.collaborators.entries()) {
    collaborators[id.toString()] = [...permissions].map((p) => p.toString());
  }
  return {
    number: number.toNumber(),
    bestNumber: best.toNumber(),
    aliceFree: account.data.free.toString(),
    aliceNonce: account.nonce.toNumber(),
    aliceAccountSize: size.toNumber(),
    aliceAccountHash: hash.toHex(),
    aliceDerivedFree: derived.freeBalance.toString(),
    channelOwner: channel.owner.toJSON(),
    channelCollaborators: collaborators,
    memberController: member.controllerAccount.toString(),
    channelIds: channels.map(([key]) => key.args[0].toNumber()).sort((a, b) => a - b)
  };
}

async function transferWhileWatching(api, alice, bob) {
  const amount = 1_234_567_890_123n;
  const seen = [];
  let changed;
  const balanceChanged = new Promise((resolve) => (changed = resolve));
  const unsubscribe = await api.query.system.account(bob.address, (account) => {
    seen.push(account.data.free.toString());
    if (seen.length > 1) changed();
  });
  const fee = await api.tx.balances.transfer(bob.address, amount).paymentInfo(alice);
  const { result, statuses } = await within(
    sendAndFinalize(api.tx.balances.transfer(bob.address, amount), alice),
    'the transfer to be finalized'
  );
  await within(balanceChanged, 'the subscribed balance to change');
  unsubscribe();
  const transfer = result.events.find(({ event }) => api.events.balances.Transfer.is(event));
  const blockHash = result.status.asFinalized;
  const header = await api.rpc.chain.getHeader(blockHash);
  const [before, after] = await Promise.all([
    api.at(header.parentHash).then((at) => at.query.system.account(bob.address)),
    api.at(blockHash).then((at) => at.query.system.account(bob.address))
  ]);
  return {
    amount: amount.toString(),
    statuses,
    events: eventNames(result.events),
    transfer: transfer && {
      from: transfer.event.data[0].toString(),
      to: transfer.event.data[1].toString(),
      amount: transfer.event.data[2].toString()
    },
    blockNumber: header.number.toNumber(),
    bobFreeBefore: before.data.free.toString(),
    bobFreeAfter: after.data.free.toString(),
    subscribedFree: seen,
    partialFee: fee.partialFee.toString(),
    aliceNextIndex: (await api.rpc.system.accountNextIndex(alice.address)).toNumber()
  };
}

async function createVideoAsCollaborator(api, member) {
  const [videoBond, objectBond, perMegabyteFee, bag] = await Promise.all([
    api.query.content.videoStateBloatBondValue(),
    api.query.storage.dataObjectStateBloatBondValue(),
    api.query.storage.dataObjectPerMegabyteFee(),
    api.query.storage.bags({ Dynamic: { Channel: 1 } })
  ]);
  const params = {
    assets: {
      objectCreationList: [{ size_: 2048, ipfsContentId: contentId('polkadot.js video') }],
      expectedDataSizeFee: perMegabyteFee
    },
    meta: '0x0a1670726f6d20706f6c6b61646f742e6a73206170692e',
    autoIssueNft: null,
    expectedVideoStateBloatBond: videoBond,
    expectedDataObjectStateBloatBond: objectBond,
    storageBucketsNumWitness: bag.storedBy.size
  };
  const batch = api.tx.utility.batchAll([
    api.tx.content.createVideo({ Member: 1 }, 1, params)
  ]);
  const { result, statuses } = await within(
    sendAndFinalize(batch, member),
    'the video batch to be finalized'
  );
  const created = result.events.find(({ event }) => api.events.content.VideoCreated.is(event));
  return {
    statuses,
    events: eventNames(result.events),
    bucketsWitness: bag.storedBy.size,
    videoId: created ? created.event.data[2].toNumber() : null,
    channelId: created ? created.event.data[1].toNumber() : null,
    actor: created ? created.event.data[0].toJSON() : null
  };
}

async function followHeads(api) {
  let unsubscribe;
  const header = await within(
    new Promise((resolve) => {
      api.rpc.chain.subscribeAllHeads(resolve).then((u) => (unsubscribe = u));
    }),
    'a head from chain_subscribeAllHeads'
  );
  unsubscribe();
  return header.number.toNumber();
}

async function main() {
  const url = process.argv[2];
  if (!url) throw new Error('usage: node drive-devnet.mjs ws://host:port');
  const api = await within(
    ApiPromise.create({ provider: new WsProvider(url), throwOnConnect: true, noInitWarn: true }),
    'the API to connect'
  );
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 126 });
  const alice = keyring.addFromUri('//Alice');
  const bob = keyring.addFromUri('//Bob');
  const collaborator = keyring.addFromUri('//Joysync//1', {}, 'ed25519');
  const out = {
    chain: (await api.rpc.system.chain()).toString(),
    genesisHash: api.genesisHash.toHex(),
    specVersion: api.runtimeVersion.specVersion.toNumber(),
    addresses: { alice: alice.address, bob: bob.address, collaborator: collaborator.address }
  };
  out.reads = await readStorage(api, alice);
  out.allHead = await followHeads(api);
  out.transfer = await transferWhileWatching(api, alice, bob);
  out.video = await createVideoAsCollaborator(api, collaborator);
  await api.disconnect();
  process.stdout.write(JSON.stringify(out) + '\n');
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  }
);
