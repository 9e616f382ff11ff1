package dev.poker.server.table;

import static dev.poker.server.table.ActorFuzzWorld.TABLE;

import dev.poker.engine.Action;
import dev.poker.engine.LegalActions;
import dev.poker.engine.TableEngine;
import dev.poker.protocol.ClientMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The random steps of the actor fuzz: client requests from several players (legal play, and any
 * request with any amounts: out of turn, wrong hand, repeated action ids, buy-ins beyond the range or
 * the balance), connections that start and stop watching, the store's and the accounts' answers (in any
 * order, late, failing, fencing), and time passing (past action clocks, time banks, the pause between
 * hands, sit-out removal and the store's retry back-off). Each step returns what it did, for the trace.
 *
 * <p>Concurrency: test thread only.
 */
final class FuzzSteps {
    private static final String[] ACTIONS = {"fold", "check", "call", "bet", "raise", "all_in"};

    private final ActorFuzzWorld w;
    private final Random random;
    private final Map<String, List<String>> actionIds = new HashMap<>();
    private int requests;

    FuzzSteps(ActorFuzzWorld world) {
        this.w = world;
        this.random = world.random;
    }

    /** One random step; the mailbox is settled afterwards. */
    String step() {
        int roll = random.nextInt(1000);
        String did;
        if (w.stopped() && roll < 300) {
            w.takeOver();
            did = "another copy takes the table over at epoch " + w.epoch;
        } else if (roll < 250) {
            did = w.live.toAct() >= 0 ? playLegally()
                    : seated() < 2 ? sit(connection(true)) : advanceTime(w.timing.handDelayMs() + 1);
        } else if (roll < 320) {
            did = sit(connection(true));
        } else if (roll < 420) {
            did = anyRequest(connection(true));
        } else if (roll < 720) {
            did = roll < 600 || w.accounts.pending().isEmpty() ? answerStore() : answerAccounts();
        } else if (roll < 880) {
            did = advanceTime(randomDelay());
        } else if (roll < 990) {
            did = watchOrNot(connection(false));
        } else if (roll < 994) {
            long deadline = w.clock.nowMillis() + random.nextInt(30_000);
            w.actor.handOff(deadline, () -> w.handedOff++);
            did = "the node drains: hand-off by " + deadline;
        } else {
            w.store.fence(TABLE, w.epoch);
            w.fences++;
            did = "another node fences epoch " + w.epoch;
        }
        w.settle();
        return did;
    }

    private int seated() {
        int n = 0;
        for (int i = 0; i < w.live.seatCount(); i++) {
            n += w.live.seat(i) == null ? 0 : 1;
        }
        return n;
    }

    private FuzzViewer connection(boolean player) {
        List<FuzzViewer> all = w.connections;
        int n = player ? all.size() - 1 : all.size(); // the spectator is last
        return all.get(random.nextInt(n));
    }

    private String playLegally() {
        LegalActions legal = TableEngine.legalActions(w.live);
        String account = w.live.seat(legal.seat()).playerId();
        FuzzViewer v = w.connections.stream().filter(c -> account.equals(c.accountId())).findFirst().orElseThrow();
        List<Action> actions = new ArrayList<>(legal.actions());
        Action action = actions.get(random.nextInt(actions.size()));
        long amount = legal.minTo() + (long) ((legal.maxTo() - legal.minTo()) * random.nextDouble());
        ClientMessage.Act act = new ClientMessage.Act(nextId(), TABLE, legal.handNumber(),
                action.name().toLowerCase(Locale.ROOT), amount, newActionId(account));
        send(v, act);
        if (random.nextInt(8) == 0) { // the client did not hear back and sends it again
            send(v, new ClientMessage.Act(nextId(), TABLE, act.hand(), act.action(), act.amount(), act.actionId()));
            return v + " " + act + " twice";
        }
        return v + " " + act;
    }

    private String sit(FuzzViewer v) {
        long min = w.config.minBuyIn();
        long max = w.config.maxBuyIn();
        int kind = random.nextInt(12);
        long buyIn = kind < 9 ? min + random.nextLong(max - min + 1)
                : kind == 9 ? 1 + random.nextLong(min) : kind == 10 ? max + 1 + random.nextLong(max) : max * 50;
        Boolean post = random.nextInt(3) == 0 ? null : random.nextBoolean();
        List<Integer> free = new ArrayList<>();
        for (int i = 0; i < w.live.seatCount(); i++) {
            if (w.live.seat(i) == null) {
                free.add(i);
            }
        }
        int seat = free.isEmpty() || random.nextInt(5) == 0 ? random.nextInt(w.config.seats() + 1)
                : free.get(random.nextInt(free.size()));
        ClientMessage.Sit sit = new ClientMessage.Sit(nextId(), TABLE, seat, buyIn, post);
        if (!v.watching) {
            w.watch(v, null, null); // taking a seat means watching the table, as the dispatcher does
        }
        send(v, sit);
        return v + " " + sit;
    }

    private String anyRequest(FuzzViewer v) {
        String id = nextId();
        long hand = Math.max(1, w.live.handNumber() + random.nextInt(3) - 1);
        ClientMessage m = switch (random.nextInt(6)) {
            case 0, 1 -> {
                String action = ACTIONS[random.nextInt(ACTIONS.length)];
                Long amount = random.nextInt(4) == 0 && !action.equals("bet") && !action.equals("raise") ? null
                        : random.nextLong(w.config.maxBuyIn() * 2);
                yield new ClientMessage.Act(id, TABLE, hand, action, amount, actionId(v.accountId()));
            }
            case 2 -> new ClientMessage.TopUp(id, TABLE, 1 + random.nextLong(w.config.maxBuyIn()));
            case 3 -> new ClientMessage.SitOut(id, TABLE);
            case 4 -> new ClientMessage.SitIn(id, TABLE, random.nextInt(3) == 0 ? null : random.nextBoolean());
            default -> new ClientMessage.Leave(id, TABLE);
        };
        send(v, m);
        return v + " " + m;
    }

    private String watchOrNot(FuzzViewer v) {
        if (v.watching && random.nextBoolean()) {
            w.unwatch(v);
            return v + " stops watching";
        }
        if (v.watching) {
            return v + " keeps watching";
        }
        Long lastSeq = v.cursor >= 0 && random.nextBoolean() ? v.cursor : null;
        w.watch(v, lastSeq, random.nextBoolean() ? nextId() : null);
        return v + " watches from " + lastSeq;
    }

    private String answerStore() {
        List<ScriptedEventStore.Append> pending = w.store.pending();
        if (pending.isEmpty()) {
            return w.accounts.pending().isEmpty() ? advanceTime(randomDelay()) : answerAccounts();
        }
        ScriptedEventStore.Append a = pending.get(random.nextInt(pending.size()));
        String what = "write " + a.events().get(0).seq() + ".." + a.lastSeq() + " at epoch " + a.epoch();
        int roll = random.nextInt(10);
        if (roll < 2) {
            w.store.fail(a);
            w.appendsAtOutage = w.store.appends();
            w.outages++;
            return what + " fails";
        }
        if (roll == 2) {
            // committed, but the answer is lost on the way back: the table takes it for an outage and writes it again
            w.store.commitAndLoseTheAnswer(a);
            w.appendsAtOutage = w.store.appends();
            w.outages++;
            return what + " committed, answer lost";
        }
        w.store.makeDurable(a);
        return what + " answered";
    }

    private String answerAccounts() {
        List<ScriptedAccounts.Reservation> pending = w.accounts.pending();
        ScriptedAccounts.Reservation r = pending.get(random.nextInt(pending.size()));
        if (random.nextInt(6) == 0) {
            w.accounts.fail(r);
            return "reservation " + r.amount() + " fails";
        }
        w.accounts.settle(r);
        return "reservation " + r.amount() + " answered";
    }

    private long randomDelay() {
        return switch (random.nextInt(6)) {
            case 0, 1 -> random.nextInt(300);
            case 2 -> w.timing.handDelayMs() + 1;
            case 3 -> w.config.actionTimeMs() + random.nextInt(1_000);
            case 4 -> w.config.actionTimeMs() + w.config.timeBankMs() + 1;
            default -> random.nextInt(8) == 0 ? w.timing.sitOutRemoveMs() + 1 : 100 + random.nextInt(5_000);
        };
    }

    private String advanceTime(long ms) {
        w.clock.advance(ms);
        return "time +" + ms + " ms";
    }

    private void send(FuzzViewer v, ClientMessage m) {
        if (m instanceof ClientMessage.Act a) {
            w.invariants.sentAct(a.id(), v.accountId(), a.actionId());
        }
        w.actor.request(new TableRequest(v, v.accountId(), v.toString(), m, 1, v.watching));
    }

    private String nextId() {
        return "r" + ++requests;
    }

    private String newActionId(String account) {
        String id = "a" + requests;
        actionIds.computeIfAbsent(account, a -> new ArrayList<>()).add(id);
        return id;
    }

    /** Mostly a new action id; sometimes one this player used before. */
    private String actionId(String account) {
        List<String> used = actionIds.getOrDefault(account, List.of());
        return !used.isEmpty() && random.nextInt(5) == 0 ? used.get(random.nextInt(used.size()))
                : newActionId(account);
    }
}
