package dev.seatwarden.application.statemachine;

import dev.seatwarden.domain.account.Plan;
import dev.seatwarden.domain.account.Subscription;
import dev.seatwarden.domain.seat.Assignment;
import dev.seatwarden.domain.shared.EventType;
import dev.seatwarden.domain.token.RevocationReason;
import dev.seatwarden.domain.token.TokenKind;
import dev.seatwarden.domain.token.TokenStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.zip.CRC32;

/**
 * A small reference model of {@code domain-rules.md} (with the decisions of the project context),
 * written from the text and nothing else: plain maps of simple mutable records. It never calls the
 * domain's {@code Licensing}, policies or aggregates; it only borrows the domain's enums and names
 * so that its answers can be compared with the application's.
 *
 * <p>It keeps the <em>stored</em> seat as well as the rules' view of it, because a release the
 * rules already see (R13 inactivity, R20 expiry) is recorded in the audit log only when something
 * next writes the seat: a verification, a revocation or the sweep.
 */
public final class LicensingModel {

    // The defaults of domain-rules.md.
    static final Duration INACTIVITY = Duration.ofDays(14);
    static final Duration RELEASE_WINDOW = Duration.ofHours(24);
    static final int RELEASE_LIMIT = 1;
    static final Duration RECENT_USE = Duration.ofDays(7);
    static final Duration GRANULARITY = Duration.ofSeconds(60);
    static final long MAX_GRACE_MINUTES = 24 * 60;
    static final int MAX_NAME = 100;
    static final int MAX_ASSIGNEE = 100;
    static final int MAX_REASON = 500;
    static final int MAX_MACHINE = 128;
    /** The alphabet of a secret's random part and checksum. */
    public static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    static final int SECRET_LENGTH = 4 + 32 + 6;

    // Revoking a token keeps a replaced secret that is still in its grace period known, so that it
    // answers TOKEN_REVOKED like the current one (docs/decisions.md).

    /** A refusal as the model predicts it: the code, and the one detail that matters, if any. */
    record Refused(String code, String detail) {
        static Refused of(String code) {
            return new Refused(code, "");
        }
    }

    /** Either a refusal or a value; the model's own tiny Either. */
    record Answer<T>(Refused refused, T value) {
        static <T> Answer<T> refuse(String code) {
            return new Answer<>(Refused.of(code), null);
        }

        static <T> Answer<T> refuse(String code, Object detail) {
            return new Answer<>(new Refused(code, String.valueOf(detail)), null);
        }

        static <T> Answer<T> ok(T value) {
            return new Answer<>(null, value);
        }

        boolean isOk() {
            return refused == null;
        }
    }

    static final class Acct {
        final String id;
        final String email;
        final Instant createdAt;
        Plan plan;
        Subscription subscription = Subscription.ACTIVE;
        Integer limitOverride;
        final List<Instant> quotaUses = new ArrayList<>();

        Acct(String id, String email, Plan plan, Integer limitOverride, Instant createdAt) {
            this.id = id;
            this.email = email;
            this.plan = plan;
            this.limitOverride = limitOverride;
            this.createdAt = createdAt;
        }
    }

    static final class Tok {
        String id;
        String account;
        TokenKind kind;
        String name;
        String assignee;
        Instant createdAt;
        Instant expiresAt;
        boolean revoked;
        Instant revokedAt;
        RevocationReason revocationReason;
        String secret;
        String previousSecret;
        Instant previousUntil;
        final List<String> formerSecrets = new ArrayList<>();
        Instant lastUsedAt;
        String lastMachine;
        String lastAddress;
        String lastAgent;
        // the stored seat
        String seatMachine;
        Instant assignedAt;
        Instant lastActivityAt;
        String releasedManuallyFrom;
    }

    /** An audit event as the model expects it; {@code detail} null when the rules name none. */
    record Event(EventType type, String account, String token, String machine, String detail) {}

    /** A token as its owner should see it. */
    record TokenSeen(
            String id,
            String name,
            TokenKind kind,
            String assignee,
            String hint,
            Instant createdAt,
            Instant expiresAt,
            Instant lastUsedAt,
            String lastMachine,
            String lastAddress,
            String lastAgent,
            Instant revokedAt,
            RevocationReason revocationReason,
            TokenStatus status,
            boolean seatAssigned,
            String seatMachine,
            Instant seatAssignedAt,
            Instant seatLastActivityAt,
            Instant seatAutoReleaseAt) {}

    /** An account as its owner should see it. */
    record AccountSeen(
            String id,
            String email,
            Plan plan,
            Subscription subscription,
            int integrationTokenLimit,
            int integrationTokensInUse,
            int releaseLimit,
            Duration releaseWindow,
            Instant nextReleaseAt,
            boolean canCreateTokens,
            Instant createdAt) {}

    /** What verification answers on success. */
    record Verified(
            String account,
            String token,
            TokenKind kind,
            String machine,
            Assignment assignment,
            Instant autoReleaseAt) {}

    /** A token creation the model allows; the application supplies id and secret. */
    record Draft(String account, TokenKind kind, String name, String assignee, Instant expiresAt) {}

    final Map<String, Acct> accounts = new LinkedHashMap<>();
    final Map<String, Tok> tokens = new LinkedHashMap<>();
    final List<Event> events = new ArrayList<>();
    Instant now;

    LicensingModel(Instant start) {
        this.now = start;
    }

    // ---- time ----------------------------------------------------------------------------------

    void advance(Duration d) {
        now = now.plus(d);
    }

    // ---- accounts ------------------------------------------------------------------------------

    void accountCreated(String id, String email, Plan plan, Integer limitOverride) {
        accounts.put(id, new Acct(id, email, plan, limitOverride, now));
        events.add(new Event(EventType.ACCOUNT_CREATED, id, null, null, null));
    }

    Acct byEmail(String email) {
        return accounts.values().stream()
                .filter(a -> a.email.equalsIgnoreCase(email.strip()))
                .findFirst()
                .orElse(null);
    }

    Answer<AccountSeen> changeAccount(String email, Plan plan, Subscription subscription, Integer limit) {
        if (limit != null && limit < 0) {
            return Answer.refuse("VALIDATION_FAILED", "[integrationLimit]");
        }
        var a = byEmail(email);
        if (a == null) {
            return Answer.refuse("VALIDATION_FAILED", "[email]");
        }
        if (plan != null && plan != a.plan) {
            a.plan = plan;
            events.add(new Event(EventType.ACCOUNT_CHANGED, a.id, null, null, null));
        }
        if (subscription != null && subscription != a.subscription) {
            a.subscription = subscription;
            events.add(new Event(EventType.ACCOUNT_CHANGED, a.id, null, null, null));
        }
        if (limit != null && !limit.equals(a.limitOverride)) {
            a.limitOverride = limit;
            events.add(new Event(EventType.ACCOUNT_CHANGED, a.id, null, null, null));
        }
        return Answer.ok(seen(a));
    }

    static int planLimit(Plan plan) {
        return switch (plan) {
            case STARTER -> 0;
            case PRO -> 1;
            case ENTERPRISE -> 5;
        };
    }

    int integrationLimit(Acct a) {
        return a.limitOverride != null ? a.limitOverride : planLimit(a.plan);
    }

    int slotsInUse(Acct a) {
        return (int) tokens.values().stream()
                .filter(t -> t.account.equals(a.id) && t.kind == TokenKind.INTEGRATION && !t.revoked && !expired(t))
                .count();
    }

    /** R1, R2: the refusal code, or null when the account may create and use tokens. */
    static String ineligibility(Acct a) {
        if (a.subscription != Subscription.ACTIVE) {
            return "SUBSCRIPTION_INACTIVE";
        }
        if (a.plan == Plan.STARTER) {
            return "PLAN_NOT_ELIGIBLE";
        }
        return null;
    }

    /** R14: quota uses in the window ending now, newest first. */
    List<Instant> usesInWindow(Acct a) {
        var start = now.minus(RELEASE_WINDOW);
        var in = new ArrayList<Instant>();
        for (var use : a.quotaUses) {
            if (use.isAfter(start)) {
                in.add(use);
            }
        }
        in.sort(Comparator.reverseOrder());
        return in;
    }

    Instant nextReleaseAt(Acct a) {
        var in = usesInWindow(a);
        return in.size() < RELEASE_LIMIT ? null : in.get(RELEASE_LIMIT - 1).plus(RELEASE_WINDOW);
    }

    AccountSeen seen(Acct a) {
        return new AccountSeen(
                a.id,
                a.email,
                a.plan,
                a.subscription,
                integrationLimit(a),
                slotsInUse(a),
                RELEASE_LIMIT,
                RELEASE_WINDOW,
                nextReleaseAt(a),
                ineligibility(a) == null,
                a.createdAt);
    }

    // ---- text rules (R4, R11, R22) -------------------------------------------------------------

    private static final String INVALID = "\u0000invalid";

    /** Trimmed text of min..max code points without Cc/Cf, "" for an absent optional one, or INVALID. */
    static String text(String raw, int min, int max) {
        if (raw == null) {
            return min > 0 ? INVALID : "";
        }
        var s = raw.strip();
        int n = s.codePointCount(0, s.length());
        if (n < min || n > max) {
            return INVALID;
        }
        boolean bad = s.codePoints().anyMatch(cp -> {
            int type = Character.getType(cp);
            return type == Character.CONTROL || type == Character.FORMAT;
        });
        return bad ? INVALID : s;
    }

    static boolean validMachine(String m) {
        return m != null
                && !m.isEmpty()
                && m.length() <= MAX_MACHINE
                && m.chars().allMatch(c -> c >= 0x21 && c <= 0x7E);
    }

    // ---- R6 ------------------------------------------------------------------------------------

    static String checksum(String payload) {
        var crc = new CRC32();
        crc.update(payload.getBytes(StandardCharsets.UTF_8));
        long v = crc.getValue();
        var out = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            out.insert(0, BASE62.charAt((int) (v % 62)));
            v /= 62;
        }
        return out.toString();
    }

    static TokenKind kindOfPrefix(String s) {
        if (s.startsWith("swa_")) {
            return TokenKind.API;
        }
        if (s.startsWith("swi_")) {
            return TokenKind.INTEGRATION;
        }
        return null;
    }

    static boolean wellFormed(String s) {
        if (s.length() != SECRET_LENGTH || kindOfPrefix(s) == null) {
            return false;
        }
        for (int i = 4; i < s.length(); i++) {
            if (BASE62.indexOf(s.charAt(i)) < 0) {
                return false;
            }
        }
        return checksum(s.substring(0, SECRET_LENGTH - 6)).equals(s.substring(SECRET_LENGTH - 6));
    }

    /** A well-formed secret of {@code kind} whose random part is {@code body} (32 base62 characters). */
    public static String wellFormedSecret(TokenKind kind, String body) {
        var payload = (kind == TokenKind.API ? "swa_" : "swi_") + body;
        return payload + checksum(payload);
    }

    // ---- tokens --------------------------------------------------------------------------------

    boolean expired(Tok t) {
        return t.expiresAt != null && !now.isBefore(t.expiresAt);
    }

    Tok owned(String actor, String tokenId) {
        var t = tokens.get(tokenId);
        return t != null && t.account.equals(actor) ? t : null;
    }

    /** The token a presented secret stands for now (R6, R19), or null. */
    Tok lookup(String secret) {
        for (var t : tokens.values()) {
            if (t.secret.equals(secret)) {
                return t;
            }
            if (secret.equals(t.previousSecret) && now.isBefore(t.previousUntil)) {
                return t;
            }
        }
        return null;
    }

    Answer<Draft> create(String actor, String name, TokenKind kind, String assignee, Instant expiresAt) {
        var faults = new TreeSet<String>();
        var checkedName = text(name, 1, MAX_NAME);
        if (checkedName == INVALID) {
            faults.add("name");
        }
        if (kind == null) {
            faults.add("kind");
        }
        var checkedAssignee = text(assignee, 0, MAX_ASSIGNEE);
        if (checkedAssignee == INVALID) {
            faults.add("assignee");
        }
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            faults.add("expiresAt");
        }
        if (!faults.isEmpty()) {
            return Answer.refuse("VALIDATION_FAILED", faults);
        }
        var a = accounts.get(actor);
        var ineligible = ineligibility(a);
        if (ineligible != null) {
            return Answer.refuse(ineligible);
        }
        if (kind == TokenKind.INTEGRATION && slotsInUse(a) >= integrationLimit(a)) {
            return Answer.refuse("INTEGRATION_TOKEN_LIMIT_REACHED", integrationLimit(a));
        }
        return Answer.ok(
                new Draft(actor, kind, checkedName, checkedAssignee.isEmpty() ? null : checkedAssignee, expiresAt));
    }

    Tok created(Draft draft, String id, String secret) {
        var t = new Tok();
        t.id = id;
        t.account = draft.account();
        t.kind = draft.kind();
        t.name = draft.name();
        t.assignee = draft.assignee();
        t.expiresAt = draft.expiresAt();
        t.createdAt = now;
        t.secret = secret;
        tokens.put(id, t);
        events.add(new Event(EventType.TOKEN_CREATED, t.account, id, null, null));
        return t;
    }

    Answer<Tok> get(String actor, String tokenId) {
        var t = owned(actor, tokenId);
        return t == null ? Answer.refuse("TOKEN_NOT_FOUND") : Answer.ok(t);
    }

    Answer<Tok> revoke(String actor, String tokenId) {
        var t = owned(actor, tokenId);
        if (t == null) {
            return Answer.refuse("TOKEN_NOT_FOUND");
        }
        if (t.revoked) {
            return Answer.refuse("TOKEN_ALREADY_REVOKED");
        }
        revokeFor(t, RevocationReason.OWNER);
        return Answer.ok(t);
    }

    private void revokeFor(Tok t, RevocationReason reason) {
        // The rules see the seat as of the moment before revocation: expired or inactive seats are
        // recorded as such; a seat still held is released because of the revocation (R8).
        var pending = pendingRelease(t);
        t.revoked = true;
        t.revokedAt = now;
        t.revocationReason = reason;
        events.add(new Event(EventType.TOKEN_REVOKED, t.account, t.id, null, reason.name()));
        if (t.seatMachine != null) {
            writeRelease(t, pending != null ? pending : "REVOCATION");
        }
    }

    /** R19: VALIDATION_FAILED before TOKEN_NOT_FOUND before TOKEN_REVOKED. */
    Answer<Tok> rotate(String actor, String tokenId, long graceMinutes) {
        if (graceMinutes < 0 || graceMinutes > MAX_GRACE_MINUTES) {
            return Answer.refuse("VALIDATION_FAILED", "[graceMinutes]");
        }
        var t = owned(actor, tokenId);
        if (t == null) {
            return Answer.refuse("TOKEN_NOT_FOUND");
        }
        if (t.revoked) {
            return Answer.refuse("TOKEN_REVOKED");
        }
        return Answer.ok(t);
    }

    void rotated(Tok t, long graceMinutes, String newSecret) {
        if (t.previousSecret != null) {
            t.formerSecrets.add(t.previousSecret);
        }
        if (graceMinutes > 0) {
            t.previousSecret = t.secret;
            t.previousUntil = now.plus(Duration.ofMinutes(graceMinutes));
        } else {
            t.formerSecrets.add(t.secret);
            t.previousSecret = null;
            t.previousUntil = null;
        }
        t.secret = newSecret;
        events.add(new Event(EventType.TOKEN_ROTATED, t.account, t.id, null, null));
    }

    // ---- seats ---------------------------------------------------------------------------------

    /** The release the rules already see for a stored assigned seat (R8, R20, R13), or null. */
    String pendingRelease(Tok t) {
        if (t.seatMachine == null) {
            return null;
        }
        if (t.revoked) {
            return "REVOCATION";
        }
        if (expired(t)) {
            return "EXPIRY";
        }
        if (!now.isBefore(t.lastActivityAt.plus(INACTIVITY))) {
            return "AUTO";
        }
        return null;
    }

    boolean assignedNow(Tok t) {
        return t.seatMachine != null && pendingRelease(t) == null;
    }

    private void writeRelease(Tok t, String detail) {
        events.add(new Event(EventType.SEAT_RELEASED, t.account, t.id, t.seatMachine, detail));
        t.releasedManuallyFrom = detail.equals("MANUAL") ? t.seatMachine : null;
        t.seatMachine = null;
        t.assignedAt = null;
        t.lastActivityAt = null;
    }

    /** R12, with the checks in the order of domain-rules.md. */
    Answer<Verified> verify(TokenKind surface, String secret, String machine, String address, String agent) {
        if (secret == null || secret.isEmpty()) {
            return Answer.refuse("TOKEN_MISSING");
        }
        if (!wellFormed(secret)) {
            return Answer.refuse("TOKEN_MALFORMED");
        }
        if (kindOfPrefix(secret) != surface) {
            return Answer.refuse("TOKEN_KIND_MISMATCH");
        }
        if (!validMachine(machine)) {
            return Answer.refuse("MACHINE_ID_INVALID");
        }
        var t = lookup(secret);
        if (t == null) {
            return Answer.refuse("TOKEN_UNKNOWN");
        }
        var a = accounts.get(t.account);
        String code = null;
        String detail = "";
        if (t.revoked) {
            code = "TOKEN_REVOKED";
        } else if (expired(t)) {
            code = "TOKEN_EXPIRED";
        } else if (ineligibility(a) != null) {
            code = ineligibility(a);
        } else if (assignedNow(t) && !t.seatMachine.equals(machine)) {
            code = "SEAT_ASSIGNED_TO_OTHER_MACHINE";
            detail = t.lastActivityAt.plus(INACTIVITY).toString();
        }
        if (code != null) {
            events.add(new Event(EventType.VERIFICATION_REFUSED, t.account, t.id, machine, code));
            return Answer.refuse(code, detail);
        }
        Assignment assignment;
        if (assignedNow(t)) {
            assignment = Assignment.CONTINUING;
            if (!now.isBefore(t.lastActivityAt.plus(GRANULARITY))) {
                t.lastActivityAt = now;
            }
        } else {
            var pending = pendingRelease(t);
            if (pending != null) {
                writeRelease(t, pending);
            }
            assignment = machine.equals(t.releasedManuallyFrom) ? Assignment.REACTIVATED : Assignment.NEW;
            t.seatMachine = machine;
            t.assignedAt = now;
            t.lastActivityAt = now;
            t.releasedManuallyFrom = null;
            if (assignment == Assignment.REACTIVATED) {
                a.quotaUses.add(now); // R15: counts like a manual release, never refused
                events.add(new Event(EventType.SEAT_REACTIVATED, t.account, t.id, machine, null));
            } else {
                events.add(new Event(EventType.SEAT_ASSIGNED, t.account, t.id, machine, null));
            }
        }
        if (assignment != Assignment.CONTINUING
                || t.lastUsedAt == null
                || !now.isBefore(t.lastUsedAt.plus(GRANULARITY))) {
            t.lastUsedAt = now;
            t.lastMachine = machine;
            t.lastAddress = address;
            t.lastAgent = agent;
        }
        return Answer.ok(new Verified(t.account, t.id, t.kind, machine, assignment, t.lastActivityAt.plus(INACTIVITY)));
    }

    /** R14: TOKEN_NOT_FOUND, TOKEN_REVOKED, SEAT_NOT_ASSIGNED, SEAT_RELEASE_RATE_LIMITED. */
    Answer<Tok> release(String actor, String tokenId) {
        var t = owned(actor, tokenId);
        if (t == null) {
            return Answer.refuse("TOKEN_NOT_FOUND");
        }
        if (t.revoked) {
            return Answer.refuse("TOKEN_REVOKED");
        }
        if (!assignedNow(t)) {
            return Answer.refuse("SEAT_NOT_ASSIGNED");
        }
        var a = accounts.get(t.account);
        var retryAt = nextReleaseAt(a);
        if (retryAt != null) {
            events.add(new Event(EventType.SEAT_RELEASE_REFUSED, t.account, t.id, null, null));
            return Answer.refuse("SEAT_RELEASE_RATE_LIMITED", retryAt);
        }
        a.quotaUses.add(now);
        writeRelease(t, "MANUAL");
        return Answer.ok(t);
    }

    /** R22: VALIDATION_FAILED (reason), TOKEN_NOT_FOUND, TOKEN_REVOKED, SEAT_NOT_ASSIGNED. */
    Answer<Tok> releaseAsOperator(String tokenId, String reason) {
        var checked = text(reason, 1, MAX_REASON);
        if (checked == INVALID) {
            return Answer.refuse("VALIDATION_FAILED", "[reason]");
        }
        var t = tokens.get(tokenId);
        if (t == null) {
            return Answer.refuse("TOKEN_NOT_FOUND");
        }
        if (t.revoked) {
            return Answer.refuse("TOKEN_REVOKED");
        }
        if (!assignedNow(t)) {
            return Answer.refuse("SEAT_NOT_ASSIGNED");
        }
        writeRelease(t, "OPERATOR: " + checked);
        return Answer.ok(t);
    }

    /** R13, R20: records every release the rules already see; answers how many. */
    int sweep() {
        int released = 0;
        for (var t : tokens.values()) {
            var pending = pendingRelease(t);
            if (pending != null) {
                writeRelease(t, pending);
                released++;
            }
        }
        return released;
    }

    /** R21: revokes each well-formed, known, unrevoked secret; answers the number of strings. */
    Answer<Integer> reportLeaked(List<String> secrets) {
        if (secrets.isEmpty() || secrets.size() > 100) {
            return Answer.refuse("VALIDATION_FAILED", "[secrets]");
        }
        for (var s : secrets) {
            if (s == null || !wellFormed(s)) {
                continue;
            }
            var t = lookup(s);
            if (t != null && !t.revoked) {
                revokeFor(t, RevocationReason.LEAKED);
            }
        }
        return Answer.ok(secrets.size());
    }

    // ---- views ---------------------------------------------------------------------------------

    TokenStatus status(Tok t) {
        if (t.revoked) {
            return TokenStatus.REVOKED;
        }
        if (expired(t)) {
            return TokenStatus.EXPIRED;
        }
        if (t.lastUsedAt == null) {
            return TokenStatus.NEVER_USED;
        }
        return now.isBefore(t.lastUsedAt.plus(RECENT_USE)) ? TokenStatus.IN_RECENT_USE : TokenStatus.IDLE;
    }

    TokenSeen seen(Tok t) {
        boolean assigned = assignedNow(t);
        return new TokenSeen(
                t.id,
                t.name,
                t.kind,
                t.assignee,
                t.secret.substring(t.secret.length() - 4),
                t.createdAt,
                t.expiresAt,
                t.lastUsedAt,
                t.lastMachine,
                t.lastAddress,
                t.lastAgent,
                t.revokedAt,
                t.revocationReason,
                status(t),
                assigned,
                assigned ? t.seatMachine : null,
                assigned ? t.assignedAt : null,
                assigned ? t.lastActivityAt : null,
                assigned ? t.lastActivityAt.plus(INACTIVITY) : null);
    }

    /** The account's tokens newest first, ties by id descending. */
    List<TokenSeen> tokensOf(String account) {
        return tokens.values().stream()
                .filter(t -> t.account.equals(account))
                .sorted(Comparator.comparing((Tok t) -> t.createdAt)
                        .thenComparing(t -> t.id)
                        .reversed())
                .map(this::seen)
                .toList();
    }

    List<Event> drainEvents() {
        var out = List.copyOf(events);
        events.clear();
        return out;
    }

    @Override
    public String toString() {
        return "model at " + now + ": " + accounts.size() + " accounts, " + tokens.size() + " tokens";
    }
}
