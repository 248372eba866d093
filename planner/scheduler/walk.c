/* The scheduler's annealing walk, compiled (loaded by native.py, used by solve.py).
 *
 * The same walk as solve._anneal (the same proposals, acceptance, restart
 * rule) on the same score as solve._State. A change that is taken is made on
 * counters per voter and slot; a proposal (most are refused) is scored first
 * from bit masks of the two slots' voters, 64 voters a word, as _State.delta
 * scores it. solve.py stays the reference: the tests hold this state's counts
 * and scores against _State's on the same grids and changes, and the walk's
 * grids against the rules.
 *
 * The problem comes as one array of ints (native.py writes it, st_new reads
 * it in the same order); positions are (room, start slot), room -1: left out.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_CHANGE 64

typedef struct {
    int n, S, R, V, H;
    /* per session */
    int *length, *pinned, *expected, *prev_room, *prev_start, *own_votes, *long_id;
    int *capacity; /* per room */
    /* lists: off[i] .. off[i+1] into the values */
    int *unit_off, *unit_v;     /* voters of a one-slot session */
    int *multi_off, *multi_v;   /* voters of a longer session who vote for no other longer one */
    int *multi2_off, *multi2_v; /* voters of a longer session who vote for more longer ones */
    int *hostv_off, *hostv_v;   /* voters hosting the session */
    int *hosts_off, *hosts_h;   /* the session's hosts */
    int *starts_off, *starts_s; /* the session's possible first slots */
    int *rat_off, *rat_r;       /* rooms per (session, first slot): index si * S + slot */
    int *longs_off, *longs_w;   /* per voter of several longer sessions: those sessions */
    int *place_ok;              /* (si * R + room) * S + slot */
    int n_long;
    double move_cost, w_moved, w_scheduled, w_overflow;
    /* the grid */
    int *room, *start;   /* per session, room -1: left out */
    int *occ;            /* room * S + slot: the session there or -1 */
    int *n_free;         /* rooms free per slot */
    int *host_busy;      /* host * S + slot */
    uint8_t *cnt, *hb;   /* slot * V + voter: one-slot sessions voted for, sessions hosted */
    int *long_at, *n_long_at; /* slot * R + k: the longer sessions in the slot */
    int *bonus;          /* per longer session: its multi voters who can attend */
    uint8_t *busy;       /* long_id * V + voter: of the placed session's slots, those the voter is busy in */
    uint8_t *free2;      /* long_id * V + voter: a voter of several could attend it */
    int *complex_h;      /* per voter of several: longer sessions attended */
    int *dirty, *dirty_mark, n_dirty;
    /* bit masks, W words of 64 voters: per session (unit, host, multi, multi2 and all
     * voters of a longer session) and per slot (covered once or more, twice or more, hosting) */
    int W;
    uint64_t *m_unit, *m_host, *m_multi, *m_multi2, *m_long;
    uint64_t *covered, *twice, *hblock;
    uint64_t *scratch;
    int *affected, *saved;
    int *waiting;        /* per session: the one-slot sessions left out, for propose_long */
    long fast_total, complex_total;
    long moved, scheduled, overflow;
} St;

typedef struct { int si, room, start; } Change;

static int *take(const int **cursor, int count) {
    int *out = malloc(sizeof(int) * (size_t)(count > 0 ? count : 1));
    memcpy(out, *cursor, sizeof(int) * (size_t)count);
    *cursor += count;
    return out;
}

static void take_list(const int **cursor, int count, int **off, int **values) {
    *off = take(cursor, count + 1);
    *values = take(cursor, (*off)[count]);
}

static inline int span_blocked(const St *s, int x, int v) {
    return s->cnt[x * s->V + v] || s->hb[x * s->V + v];
}

static void mark_dirty(St *s, int v) {
    if (!s->dirty_mark[v]) {
        s->dirty_mark[v] = 1;
        s->dirty[s->n_dirty++] = v;
    }
}

/* Voter ``v`` became busy in slot ``x`` (d = 1: a one-slot session voted for,
 * or hosting) or free there (d = -1): the longer sessions running there that
 * they voted for gain or lose them. */
static void flip(St *s, int x, int v, int d) {
    uint64_t bit = 1ULL << (v & 63);
    for (int k = 0; k < s->n_long_at[x]; k++) {
        int w = s->long_at[x * s->R + k];
        size_t word = (size_t)w * s->W + (v >> 6), at = (size_t)s->long_id[w] * s->V + v;
        if (!(s->m_long[word] & bit)) continue;  /* not a voter of it */
        int before = s->busy[at];
        s->busy[at] = (uint8_t)(before + d);
        if (before != (d > 0 ? 0 : 1)) continue;  /* busy in another of its slots as well */
        if (s->m_multi[word] & bit) {
            s->bonus[w] -= d;
            s->fast_total -= d;
        } else {
            s->free2[at] = d < 0;
            mark_dirty(s, v);
        }
    }
}

/* Longer session ``si`` was just put in: count its voters who are free in all its slots. */
static void count_long(St *s, int si) {
    int a = s->start[si], b = a + s->length[si] - 1, fresh = 0;
    size_t base = (size_t)s->long_id[si] * s->V;
    for (int pass = 0; pass < 2; pass++) {
        const int *off = pass ? s->multi2_off : s->multi_off, *voters = pass ? s->multi2_v : s->multi_v;
        for (int i = off[si]; i < off[si + 1]; i++) {
            int v = voters[i], busy = 0;
            for (int x = a; x <= b; x++) busy += span_blocked(s, x, v);
            s->busy[base + v] = (uint8_t)busy;
            if (pass == 0) {
                fresh += !busy;
            } else if (!busy) {
                s->free2[base + v] = 1;
                mark_dirty(s, v);
            }
        }
    }
    s->bonus[si] = fresh;
    s->fast_total += fresh;
}

/* The most disjoint longer sessions voter ``v`` could attend (earliest end first). */
static int long_bonus(const St *s, int v) {
    int last[64], count = 0, n = 0;
    uint64_t bits[64], taken = 0;
    for (int i = s->longs_off[v]; i < s->longs_off[v + 1] && n < 64; i++) {
        int w = s->longs_w[i];
        if (!s->free2[(size_t)s->long_id[w] * s->V + v]) continue;
        int a = s->start[w], b = a + s->length[w] - 1, j = n++;
        uint64_t mask = ((b >= 63) ? ~0ULL : ((2ULL << b) - 1)) & ~((1ULL << a) - 1);
        while (j > 0 && last[j - 1] > b) {  /* insertion by end slot */
            last[j] = last[j - 1];
            bits[j] = bits[j - 1];
            j--;
        }
        last[j] = b;
        bits[j] = mask;
    }
    for (int i = 0; i < n; i++)
        if (!(bits[i] & taken)) {
            taken |= bits[i];
            count++;
        }
    return count;
}

static void recount(St *s) {
    for (int k = 0; k < s->n_dirty; k++) {
        int v = s->dirty[k], fresh = long_bonus(s, v);
        s->dirty_mark[v] = 0;
        s->complex_total += fresh - s->complex_h[v];
        s->complex_h[v] = fresh;
    }
    s->n_dirty = 0;
}

static inline uint64_t bit(int v) { return 1ULL << (v & 63); }

/* The word of voter ``v`` in slot ``x``'s mask ``masks`` (covered, twice or hblock). */
static inline uint64_t *word(uint64_t *masks, const St *s, int x, int v) { return masks + (size_t)x * s->W + (v >> 6); }

static inline int over(const St *s, int si, int room) {
    int o = s->expected[si] - s->capacity[room];
    return o > 0 ? o : 0;
}

/* Put session ``si`` in ``room`` from slot ``start`` (room -1: take it out); no recount. */
static void set(St *s, int si, int room, int start) {
    int V = s->V, S = s->S, len = s->length[si];
    int old_room = s->room[si], old_start = s->start[si];
    int pr = s->prev_room[si], ps = s->prev_start[si];
    if (old_room >= 0) {
        int a = old_start, b = a + len - 1;
        if (len > 1) {
            for (int x = a; x <= b; x++) {
                int *here = s->long_at + x * s->R, n = s->n_long_at[x];
                for (int k = 0; k < n; k++)
                    if (here[k] == si) {
                        here[k] = here[n - 1];
                        s->n_long_at[x]--;
                        break;
                    }
            }
            s->fast_total -= s->bonus[si];
            s->bonus[si] = 0;
            uint8_t *free2 = s->free2 + (size_t)s->long_id[si] * V;
            for (int i = s->multi2_off[si]; i < s->multi2_off[si + 1]; i++) {
                int v = s->multi2_v[i];
                if (free2[v]) {
                    free2[v] = 0;
                    mark_dirty(s, v);
                }
            }
        }
        for (int x = a; x <= b; x++) {
            s->occ[old_room * S + x] = -1;
            s->n_free[x]++;
            for (int i = s->hosts_off[si]; i < s->hosts_off[si + 1]; i++) s->host_busy[s->hosts_h[i] * S + x] = -1;
        }
        for (int i = s->unit_off[si]; i < s->unit_off[si + 1]; i++) {
            int v = s->unit_v[i], at = a * V + v, left = --s->cnt[at];
            if (left <= 1) *word(left == 0 ? s->covered : s->twice, s, a, v) &= ~bit(v);
            if (left == 0 && !s->hb[at]) {
                s->fast_total--;
                flip(s, a, v, -1);
            }
        }
        for (int x = a; x <= b; x++)
            for (int i = s->hostv_off[si]; i < s->hostv_off[si + 1]; i++) {
                int v = s->hostv_v[i], at = x * V + v;
                if (--s->hb[at] == 0) {
                    *word(s->hblock, s, x, v) &= ~bit(v);
                    if (s->cnt[at])
                        s->fast_total++;
                    else
                        flip(s, x, v, -1);
                }
            }
        s->fast_total -= s->own_votes[si];
        s->scheduled--;
        s->overflow -= over(s, si, old_room);
        s->room[si] = s->start[si] = -1;
    }
    if (room >= 0) {
        int a = start, b = a + len - 1;
        for (int x = a; x <= b; x++) {
            s->occ[room * S + x] = si;
            s->n_free[x]--;
            for (int i = s->hosts_off[si]; i < s->hosts_off[si + 1]; i++) s->host_busy[s->hosts_h[i] * S + x] = si;
        }
        for (int i = s->unit_off[si]; i < s->unit_off[si + 1]; i++) {
            int v = s->unit_v[i], at = a * V + v, had = s->cnt[at]++;
            if (had <= 1) *word(had == 0 ? s->covered : s->twice, s, a, v) |= bit(v);
            if (had == 0 && !s->hb[at]) {
                s->fast_total++;
                flip(s, a, v, 1);
            }
        }
        for (int x = a; x <= b; x++)
            for (int i = s->hostv_off[si]; i < s->hostv_off[si + 1]; i++) {
                int v = s->hostv_v[i], at = x * V + v;
                if (s->hb[at]++ == 0) {
                    *word(s->hblock, s, x, v) |= bit(v);
                    if (s->cnt[at])
                        s->fast_total--;
                    else
                        flip(s, x, v, 1);
                }
            }
        s->fast_total += s->own_votes[si];
        s->scheduled++;
        s->overflow += over(s, si, room);
        s->room[si] = room;
        s->start[si] = start;
        if (len > 1) {
            for (int x = a; x <= b; x++) s->long_at[x * s->R + s->n_long_at[x]++] = si;
            count_long(s, si);
        }
    }
    if (pr >= 0) {
        int now_moved = !(room == pr && start == ps), was_moved = !(old_room == pr && old_start == ps);
        s->moved += now_moved - was_moved;
    }
}

/* Make the changes in order; ``undo`` receives the changes that undo them (returns their count). */
static int apply(St *s, const Change *changes, int n_changes, Change *undo) {
    int seen[MAX_CHANGE], rooms[MAX_CHANGE], starts[MAX_CHANGE], n_seen = 0, n_undo = 0;
    for (int i = 0; i < n_changes; i++) {
        int si = changes[i].si, known = 0;
        for (int k = 0; k < n_seen && !known; k++) known = seen[k] == si;
        if (!known && n_seen < MAX_CHANGE) {
            seen[n_seen] = si;
            rooms[n_seen] = s->room[si];
            starts[n_seen++] = s->start[si];
        }
    }
    for (int i = 0; i < n_changes; i++) set(s, changes[i].si, changes[i].room, changes[i].start);
    if (s->n_dirty) recount(s);
    if (undo) {
        for (int k = 0; k < n_seen; k++) undo[n_undo++] = (Change){seen[k], -1, -1};
        for (int k = 0; k < n_seen; k++)
            if (rooms[k] >= 0) undo[n_undo++] = (Change){seen[k], rooms[k], starts[k]};
    }
    return n_undo;
}

/* -- scoring a change without making it ---------------------------------------
 * Most proposals are refused; a move of a one-slot session to another slot, or
 * two of them trading slots (the common ones, 99 % on large), are scored from
 * bit masks of the two slots' voters, 64 voters a word, as _State.delta does:
 * exactly, or with an upper bound when that is below ``limit`` already. */

static inline int popcount(uint64_t x) { return __builtin_popcountll(x); }

/* (covered, host-blocked) of slot ``x`` with one-slot session ``out`` taken out
 * and ``in`` put in (-1: none), into ``cov`` and ``blk``. */
static void slot_after(const St *s, int x, int out, int in, uint64_t *cov, uint64_t *blk) {
    int W = s->W;
    const uint64_t *covered = s->covered + (size_t)x * W, *twice = s->twice + (size_t)x * W;
    const uint64_t *blocked = s->hblock + (size_t)x * W;
    const uint64_t *uo = out >= 0 ? s->m_unit + (size_t)out * W : NULL, *ho = out >= 0 ? s->m_host + (size_t)out * W : NULL;
    const uint64_t *ui = in >= 0 ? s->m_unit + (size_t)in * W : NULL, *hi = in >= 0 ? s->m_host + (size_t)in * W : NULL;
    for (int i = 0; i < W; i++) {
        uint64_t c = covered[i], h = blocked[i];
        if (uo) {
            c &= ~(uo[i] & ~twice[i]);  /* voters counted once here, by ``out`` */
            h &= ~ho[i];                /* a voter hosts one session per slot */
        }
        if (ui) {
            c |= ui[i];
            h |= hi[i];
        }
        cov[i] = c;
        blk[i] = h;
    }
}

/* The change of st_score that apply(change) would make, into ``*out``; 0 when
 * the change is not one of the two shapes (make it to know). Below ``limit``
 * the value may be an upper bound: the exact one-slot votes, overflow and
 * moves, plus one vote for every voter freed in a slot of a longer session
 * they voted for. */
static int delta(St *s, const Change *c, int n, double limit, double *out) {
    int a, b = -1, ra, sa, rb, sb, W = s->W;
    if (n == 1) {
        a = c[0].si;
        if (s->room[a] < 0 || c[0].room < 0 || s->length[a] != 1 || s->start[a] == c[0].start) return 0;
        ra = s->room[a]; sa = s->start[a]; rb = c[0].room; sb = c[0].start;
    } else if (n == 4) {
        a = c[0].si; b = c[1].si;
        if (s->length[a] != 1 || s->length[b] != 1 || s->room[a] < 0 || s->room[b] < 0) return 0;
        ra = s->room[a]; sa = s->start[a]; rb = s->room[b]; sb = s->start[b];
        if (sa == sb || c[2].si != a || c[2].room != rb || c[2].start != sb || c[3].si != b || c[3].room != ra
            || c[3].start != sa)
            return 0;
    } else {
        return 0;
    }
    int slot[2] = {sa, sb};
    uint64_t *cov[2] = {s->scratch, s->scratch + W}, *blk[2] = {s->scratch + 2 * W, s->scratch + 3 * W};
    uint64_t *changed[2] = {s->scratch + 4 * W, s->scratch + 5 * W}, *now = s->scratch + 6 * W;
    slot_after(s, sa, a, b, cov[0], blk[0]);
    slot_after(s, sb, b, a, cov[1], blk[1]);
    long gain = 0, most = 0, moved = 0;
    for (int k = 0; k < 2; k++) {
        int x = slot[k], n_long = s->n_long_at[x];
        const uint64_t *covered = s->covered + (size_t)x * W, *blocked = s->hblock + (size_t)x * W;
        for (int i = 0; i < W; i++) {
            uint64_t was = covered[i] | blocked[i], is = cov[k][i] | blk[k][i];
            gain += popcount(cov[k][i] & ~blk[k][i]) - popcount(covered[i] & ~blocked[i]);
            changed[k][i] = was ^ is;
            uint64_t freed = was & ~is, theirs = 0;
            if (freed && n_long) {  /* a voter freed here wins at most one longer session here */
                for (int j = 0; j < n_long; j++) theirs |= s->m_long[(size_t)s->long_at[x * s->R + j] * W + i];
                most += popcount(freed & theirs);
            }
        }
    }
    long overflow = over(s, a, rb) - over(s, a, ra);
    if (s->prev_room[a] >= 0) {
        int pr = s->prev_room[a], ps = s->prev_start[a];
        moved += !(rb == pr && sb == ps) - !(ra == pr && sa == ps);
    }
    if (b >= 0) {
        overflow += over(s, b, ra) - over(s, b, rb);
        if (s->prev_room[b] >= 0) {
            int pr = s->prev_room[b], ps = s->prev_start[b];
            moved += !(ra == pr && sa == ps) - !(rb == pr && sb == ps);
        }
    }
    double fixed = -(s->move_cost + s->w_moved) * (double)moved - s->w_overflow * (double)overflow;
    if ((double)(gain + most) + fixed < limit) {
        *out = (double)(gain + most) + fixed;
        return 1;
    }
    /* the longer sessions in sa or sb with a voter whose "busy" changes there */
    int touched[2 * 256], n_touched = 0, n_voters = 0, n_saved = 0;
    for (int k = 0; k < 2; k++)
        for (int j = 0; j < s->n_long_at[slot[k]]; j++) {
            int w = s->long_at[slot[k] * s->R + j], hit = 0, known = 0;
            for (int i = 0; i < W && !hit; i++) hit = (s->m_long[(size_t)w * W + i] & changed[k][i]) != 0;
            for (int t = 0; t < n_touched && !known; t++) known = touched[t] == w;
            if (hit && !known && n_touched < 2 * 256) touched[n_touched++] = w;
        }
    for (int t = 0; t < n_touched; t++) {
        int w = touched[t], first = s->start[w], last = first + s->length[w] - 1;
        memset(now, 0, sizeof(uint64_t) * (size_t)W);
        for (int x = first; x <= last; x++) {
            int k = x == sa ? 0 : x == sb ? 1 : -1;
            for (int i = 0; i < W; i++)
                now[i] |= k >= 0 ? cov[k][i] | blk[k][i] : s->covered[(size_t)x * W + i] | s->hblock[(size_t)x * W + i];
        }
        const uint64_t *multi = s->m_multi + (size_t)w * W;
        long fresh = 0;
        for (int i = 0; i < W; i++) fresh += popcount(multi[i] & ~now[i]);
        gain += fresh - s->bonus[w];
        uint8_t *free2 = s->free2 + (size_t)s->long_id[w] * s->V;
        for (int i = s->multi2_off[w]; i < s->multi2_off[w + 1]; i++) {
            int v = s->multi2_v[i], free_now = !(now[v >> 6] >> (v & 63) & 1);
            if (free2[v] == free_now) continue;
            s->saved[n_saved++] = (int)((size_t)s->long_id[w] * s->V + v);  /* put back below */
            free2[v] = (uint8_t)free_now;
            if (!s->dirty_mark[v]) {  /* each voter of several once */
                s->dirty_mark[v] = 1;
                s->affected[n_voters++] = v;
            }
        }
    }
    for (int i = 0; i < n_voters; i++) {
        int v = s->affected[i];
        gain += long_bonus(s, v) - s->complex_h[v];
        s->dirty_mark[v] = 0;
    }
    for (int i = 0; i < n_saved; i++) s->free2[s->saved[i]] ^= 1;
    *out = (double)gain + fixed;
    return 1;
}

/* For the tests: delta of the change given as (session, room, start) triples; 0 if not scored. */
int st_delta(St *s, const int *triples, int n, double *out) {
    Change c[MAX_CHANGE];
    for (int i = 0; i < n && i < MAX_CHANGE; i++) c[i] = (Change){triples[3 * i], triples[3 * i + 1], triples[3 * i + 2]};
    return delta(s, c, n, -INFINITY, out);
}

double st_score(const St *s) {
    return (double)(s->fast_total + s->complex_total) - (s->move_cost + s->w_moved) * (double)s->moved
           + s->w_scheduled * (double)s->scheduled - s->w_overflow * (double)s->overflow;
}

long st_honoured(const St *s) { return s->fast_total + s->complex_total; }
long st_moved(const St *s) { return s->moved; }
long st_scheduled(const St *s) { return s->scheduled; }
long st_overflow(const St *s) { return s->overflow; }

/* Put every session where ``rooms``/``starts`` have it (as solve._restore). */
void st_load(St *s, const int *rooms, const int *starts) {
    Change one;
    for (int si = 0; si < s->n; si++)
        if (s->room[si] != rooms[si] || (rooms[si] >= 0 && s->start[si] != starts[si])) {
            one = (Change){si, -1, -1};
            apply(s, &one, 1, NULL);
        }
    for (int si = 0; si < s->n; si++)
        if (rooms[si] >= 0 && s->room[si] < 0) {
            one = (Change){si, rooms[si], starts[si]};
            apply(s, &one, 1, NULL);
        }
}

void st_positions(const St *s, int *rooms, int *starts) {
    memcpy(rooms, s->room, sizeof(int) * (size_t)s->n);
    memcpy(starts, s->start, sizeof(int) * (size_t)s->n);
}

St *st_new(const int *data, const double *weights) {
    St *s = calloc(1, sizeof(St));
    const int *c = data;
    s->n = *c++; s->S = *c++; s->R = *c++; s->V = *c++; s->H = *c++;
    int n = s->n, S = s->S, R = s->R, V = s->V;
    s->length = take(&c, n); s->pinned = take(&c, n); s->expected = take(&c, n);
    s->prev_room = take(&c, n); s->prev_start = take(&c, n); s->own_votes = take(&c, n);
    s->long_id = take(&c, n); s->capacity = take(&c, R);
    take_list(&c, n, &s->unit_off, &s->unit_v);
    take_list(&c, n, &s->multi_off, &s->multi_v);
    take_list(&c, n, &s->multi2_off, &s->multi2_v);
    take_list(&c, n, &s->hostv_off, &s->hostv_v);
    take_list(&c, n, &s->hosts_off, &s->hosts_h);
    take_list(&c, n, &s->starts_off, &s->starts_s);
    take_list(&c, n * S, &s->rat_off, &s->rat_r);
    take_list(&c, V, &s->longs_off, &s->longs_w);
    s->place_ok = take(&c, n * R * S);
    s->move_cost = weights[0]; s->w_moved = weights[1]; s->w_scheduled = weights[2]; s->w_overflow = weights[3];
    for (int si = 0; si < n; si++) {
        s->n_long += s->length[si] > 1;
        s->moved += s->prev_room[si] >= 0;  /* nothing is placed yet: every published session has moved */
    }
    s->room = malloc(sizeof(int) * (size_t)n);
    s->start = malloc(sizeof(int) * (size_t)n);
    for (int si = 0; si < n; si++) s->room[si] = s->start[si] = -1;
    s->occ = malloc(sizeof(int) * (size_t)(R * S));
    for (int i = 0; i < R * S; i++) s->occ[i] = -1;
    s->n_free = malloc(sizeof(int) * (size_t)S);
    for (int x = 0; x < S; x++) s->n_free[x] = R;
    s->host_busy = malloc(sizeof(int) * (size_t)(s->H * S + 1));
    for (int i = 0; i < s->H * S; i++) s->host_busy[i] = -1;
    s->cnt = calloc((size_t)S * V + 1, 1);
    s->hb = calloc((size_t)S * V + 1, 1);
    s->long_at = calloc((size_t)S * R + 1, sizeof(int));
    s->n_long_at = calloc((size_t)S, sizeof(int));
    s->bonus = calloc((size_t)n, sizeof(int));
    s->free2 = calloc((size_t)s->n_long * V + 1, 1);
    s->complex_h = calloc((size_t)V + 1, sizeof(int));
    s->dirty = calloc((size_t)V + 1, sizeof(int));
    s->dirty_mark = calloc((size_t)V + 1, sizeof(int));
    s->W = (V + 63) / 64 > 0 ? (V + 63) / 64 : 1;
    int W = s->W;
    uint64_t **masks[] = {&s->m_unit, &s->m_host, &s->m_multi, &s->m_multi2, &s->m_long};
    for (int k = 0; k < 5; k++) *masks[k] = calloc((size_t)n * W, sizeof(uint64_t));
    for (int si = 0; si < n; si++) {
        const int *offs[] = {s->unit_off, s->hostv_off, s->multi_off, s->multi2_off};
        const int *vals[] = {s->unit_v, s->hostv_v, s->multi_v, s->multi2_v};
        for (int k = 0; k < 4; k++)
            for (int i = offs[k][si]; i < offs[k][si + 1]; i++) {
                uint64_t bit = 1ULL << (vals[k][i] & 63);
                (*masks[k])[(size_t)si * W + (vals[k][i] >> 6)] |= bit;
                if (k >= 2) s->m_long[(size_t)si * W + (vals[k][i] >> 6)] |= bit;
            }
    }
    s->busy = calloc((size_t)s->n_long * V + 1, 1);
    s->covered = calloc((size_t)S * W, sizeof(uint64_t));
    s->twice = calloc((size_t)S * W, sizeof(uint64_t));
    s->hblock = calloc((size_t)S * W, sizeof(uint64_t));
    s->scratch = calloc((size_t)7 * W, sizeof(uint64_t));
    s->affected = calloc((size_t)V + 1, sizeof(int));
    s->saved = calloc((size_t)s->n_long * V + 1, sizeof(int));
    s->waiting = calloc((size_t)n + 1, sizeof(int));
    return s;
}

void st_free(St *s) {
    if (!s) return;
    int *owned[] = {s->length, s->pinned, s->expected, s->prev_room, s->prev_start, s->own_votes, s->long_id,
                    s->capacity, s->unit_off, s->unit_v, s->multi_off, s->multi_v, s->multi2_off, s->multi2_v,
                    s->hostv_off, s->hostv_v, s->hosts_off, s->hosts_h, s->starts_off, s->starts_s, s->rat_off,
                    s->rat_r, s->longs_off, s->longs_w, s->place_ok, s->room, s->start, s->occ,
                    s->n_free, s->host_busy, s->long_at, s->n_long_at, s->bonus, s->complex_h, s->dirty,
                    s->dirty_mark, s->affected, s->saved, s->waiting};
    for (size_t i = 0; i < sizeof(owned) / sizeof(owned[0]); i++) free(owned[i]);
    free(s->cnt); free(s->hb);
    uint64_t *words[] = {s->m_unit, s->m_host, s->m_multi, s->m_multi2, s->m_long, s->covered, s->twice, s->hblock, s->scratch};
    for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) free(words[i]);
    free(s->busy); free(s->free2); free(s);
}

/* -- places ---------------------------------------------------------------- */

static int in(int x, const int *list, int n) {
    for (int i = 0; i < n; i++)
        if (list[i] == x) return 1;
    return 0;
}

static int hosts_free(const St *s, int si, int a, int len, const int *ignore, int n_ignore) {
    for (int i = s->hosts_off[si]; i < s->hosts_off[si + 1]; i++)
        for (int x = a; x < a + len; x++) {
            int busy = s->host_busy[s->hosts_h[i] * s->S + x];
            if (busy != -1 && !in(busy, ignore, n_ignore)) return 0;
        }
    return 1;
}

static int free_rooms(const St *s, int si, int a, const int *ignore, int n_ignore, int *out) {
    int n = 0, k = si * s->S + a;
    for (int i = s->rat_off[k]; i < s->rat_off[k + 1]; i++) {
        int r = s->rat_r[i], ok = 1;
        for (int x = a; x < a + s->length[si] && ok; x++) {
            int o = s->occ[r * s->S + x];
            ok = o == -1 || in(o, ignore, n_ignore);
        }
        if (ok) out[n++] = r;
    }
    return n;
}

/* The previous room if possible, else the smallest room that seats the expected
 * audience (longer sessions: the biggest), else the biggest; as _State.best_room. */
static int best_room(const St *s, int si, int a, const int *rooms, int n) {
    if (s->prev_room[si] >= 0 && s->prev_start[si] == a && in(s->prev_room[si], rooms, n)) return s->prev_room[si];
    int best = -1, sign = s->length[si] > 1 ? -1 : 1;
    for (int i = 0; i < n; i++) {
        int r = rooms[i];
        if (best < 0) { best = r; continue; }
        int ob = over(s, si, best), orr = over(s, si, r);
        int cb = sign * s->capacity[best], cr = sign * s->capacity[r];
        if (orr < ob || (orr == ob && (cr < cb || (cr == cb && r < best)))) best = r;
    }
    return best;
}

static inline int place_ok(const St *s, int si, int room, int slot) {
    return s->place_ok[(si * s->R + room) * s->S + slot];
}

/* -- the walk ---------------------------------------------------------------- */

typedef struct {
    St *s;
    uint64_t rng;
    int *movable, n_movable, *longs, n_longs, published;
    int *origin_rooms, *origin_starts, *best_rooms, *best_starts;
    double t_hot, t_cold, temperature, current, best;
    double long_share, swap_share;
    long stall, iteration, since, first, max_iterations; /* max_iterations < 0: none */
    double started, budget, deadline;
    int improved;
    long restarts;
} Walk;

static double now_seconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static inline double draw(Walk *w) { /* splitmix64, uniform in [0, 1) */
    uint64_t z = (w->rng += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    z ^= z >> 31;
    return (double)(z >> 11) * 0x1.0p-53;
}

static inline int pick(Walk *w, int n) {
    int k = (int)(draw(w) * n);
    return k < n ? k : n - 1;
}

/* A free place for session ``x`` once ``newcomer`` has taken ``room`` from slot
 * ``a`` (``len`` slots), three random starts tried; as solve._elsewhere. */
static int elsewhere(Walk *w, int x, int room, int a, int len, int newcomer, Change *out) {
    St *s = w->s;
    int ignore[1] = {x}, rooms[256];
    int n_starts = s->starts_off[x + 1] - s->starts_off[x];
    for (int t = 0; t < 3; t++) {
        int st = s->starts_s[s->starts_off[x] + pick(w, n_starts)];
        int overlap = st < a + len && a < st + s->length[x];
        if (overlap) {
            int shared = 0;
            for (int i = s->hosts_off[x]; i < s->hosts_off[x + 1] && !shared; i++)
                shared = in(s->hosts_h[i], s->hosts_h + s->hosts_off[newcomer],
                            s->hosts_off[newcomer + 1] - s->hosts_off[newcomer]);
            if (shared) continue;
        }
        if (!hosts_free(s, x, st, s->length[x], ignore, 1)) continue;
        int n = free_rooms(s, x, st, ignore, 1, rooms), k = 0;
        for (int i = 0; i < n; i++)
            if (!(overlap && rooms[i] == room)) rooms[k++] = rooms[i];
        if (k) {
            *out = (Change){x, best_room(s, x, st, rooms, k), st};
            return 1;
        }
    }
    return 0;
}

/* A change of workshop ``si`` that one-slot sessions make room for; as solve._propose_long. */
static int propose_long(Walk *w, int si, Change *c) {
    St *s = w->s;
    int S = s->S, len = s->length[si], n = 0;
    if (s->room[si] >= 0 && draw(w) < 0.3) {
        int room = s->room[si], a = s->start[si], ours[1] = {si};
        int *waiting = s->waiting, n_wait = 0;
        c[n++] = (Change){si, -1, -1};
        for (int x = 0; x < s->n; x++)
            if (s->length[x] == 1 && !s->pinned[x] && s->room[x] < 0 && s->starts_off[x + 1] > s->starts_off[x])
                waiting[n_wait++] = x;
        for (int i = n_wait - 1; i > 0; i--) {
            int j = pick(w, i + 1), t = waiting[i];
            waiting[i] = waiting[j];
            waiting[j] = t;
        }
        for (int slot = a; slot < a + len; slot++)
            for (int i = 0; i < n_wait; i++) {
                int x = waiting[i];
                if (place_ok(s, x, room, slot) && hosts_free(s, x, slot, 1, ours, 1)) {
                    c[n++] = (Change){x, room, slot};
                    waiting[i] = waiting[--n_wait];  /* order no longer matters: it was shuffled */
                    break;
                }
            }
        return n;
    }
    int n_starts = s->starts_off[si + 1] - s->starts_off[si];
    int a = s->starts_s[s->starts_off[si] + pick(w, n_starts)];
    if (s->room[si] >= 0 && s->start[si] == a) return 0;
    int k = si * S + a, n_rooms = s->rat_off[k + 1] - s->rat_off[k];
    int room = s->rat_r[s->rat_off[k] + pick(w, n_rooms)];
    int there[MAX_CHANGE / 4], ignore[MAX_CHANGE / 4 + 1], n_ignore = 0;
    if (len > MAX_CHANGE / 4) return 0;
    for (int i = 0; i < len; i++) {
        int o = there[i] = s->occ[room * S + a + i];
        if (o >= 0 && (s->pinned[o] || s->length[o] != 1)) return 0;
        if (o >= 0) ignore[n_ignore++] = o;
    }
    ignore[n_ignore++] = si;
    if (!hosts_free(s, si, a, len, ignore, n_ignore)) return 0;
    for (int i = 0; i < len; i++)
        if (there[i] >= 0) c[n++] = (Change){there[i], -1, -1};
    if (s->room[si] < 0) {
        c[n++] = (Change){si, room, a};
        return n;
    }
    int old_room = s->room[si], old_a = s->start[si];
    if (old_a < a + len && a < old_a + len) return 0;
    int reverse = draw(w) < 0.5;
    Change into[MAX_CHANGE / 4];
    int n_into = 0;
    for (int i = 0; i < len; i++) {
        int o = there[i], slot = reverse ? old_a + len - 1 - i : old_a + i;
        if (o < 0) continue;
        if (!place_ok(s, o, old_room, slot) || !hosts_free(s, o, slot, 1, ignore, n_ignore)) return 0;
        into[n_into++] = (Change){o, old_room, slot};
    }
    /* [(si, None)] + out + [(si, new)] + into */
    for (int i = n; i > 0; i--) c[i] = c[i - 1];
    c[0] = (Change){si, -1, -1};
    n++;
    c[n++] = (Change){si, room, a};
    for (int i = 0; i < n_into; i++) c[n++] = into[i];
    return n;
}

/* A random change to the slot choice of one session; as solve._propose. */
static int propose(Walk *w, Change *c) {
    St *s = w->s;
    int S = s->S;
    if (w->n_longs && draw(w) < w->long_share) return propose_long(w, w->longs[pick(w, w->n_longs)], c);
    int si = w->movable[pick(w, w->n_movable)];
    int n_starts = s->starts_off[si + 1] - s->starts_off[si];
    int a = s->starts_s[s->starts_off[si] + pick(w, n_starts)];
    int old_room = s->room[si], old_a = s->start[si], len = s->length[si];
    if (old_room >= 0 && old_a == a) return 0;
    int rooms[256], n_rooms = 0, self[1] = {si};
    if (len > 1 || s->n_free[a]) n_rooms = free_rooms(s, si, a, self, 1, rooms);
    int k = si * S + a, n_cand = s->rat_off[k + 1] - s->rat_off[k];
    int room = s->rat_r[s->rat_off[k] + pick(w, n_cand)];
    int other = s->occ[room * S + a];
    if (n_rooms && (old_room < 0 || other < 0 || draw(w) >= w->swap_share)) {
        if (!hosts_free(s, si, a, len, self, 1)) return 0;
        c[0] = (Change){si, best_room(s, si, a, rooms, n_rooms), a};
        return 1;
    }
    if (other < 0 || s->pinned[other] || s->length[other] != len || s->start[other] != a) return 0;
    if (old_room < 0) {
        int ignore[1] = {other};
        if (!hosts_free(s, si, a, len, ignore, 1)) return 0;
        if (s->prev_room[other] >= 0) {
            Change away;
            if (!elsewhere(w, other, room, a, len, si, &away)) return 0;
            c[0] = (Change){other, -1, -1};
            c[1] = (Change){si, room, a};
            c[2] = away;
            return 3;
        }
        c[0] = (Change){other, -1, -1};
        c[1] = (Change){si, room, a};
        return 2;
    }
    if (!place_ok(s, other, old_room, old_a)) return 0;
    int both[2] = {si, other};
    if (!hosts_free(s, si, a, len, both, 2) || !hosts_free(s, other, old_a, s->length[other], both, 2)) return 0;
    c[0] = (Change){si, -1, -1};
    c[1] = (Change){other, -1, -1};
    c[2] = (Change){si, room, a};
    c[3] = (Change){other, old_room, old_a};
    return 4;
}

/* Would the change leave out a published session that has a place now? */
static int drops_published(const St *s, const Change *c, int n) {
    for (int i = 0; i < n; i++) {
        int si = c[i].si, last = i;
        for (int j = i + 1; j < n; j++)
            if (c[j].si == si) last = j;
        if (last == i && c[i].room < 0 && s->prev_room[si] >= 0 && s->room[si] >= 0) return 1;
    }
    return 0;
}

Walk *walk_new(St *s, uint64_t seed, const int *movable, int n_movable, const int *longs, int n_longs,
               double t_hot, double t_cold, double seconds, long max_iterations, long stall,
               double long_share, double swap_share) {
    Walk *w = calloc(1, sizeof(Walk));
    w->s = s;
    w->rng = seed;
    w->movable = malloc(sizeof(int) * (size_t)(n_movable + 1));
    memcpy(w->movable, movable, sizeof(int) * (size_t)n_movable);
    w->n_movable = n_movable;
    w->longs = malloc(sizeof(int) * (size_t)(n_longs + 1));
    memcpy(w->longs, longs, sizeof(int) * (size_t)n_longs);
    w->n_longs = n_longs;
    for (int si = 0; si < s->n; si++) w->published |= s->prev_room[si] >= 0;
    size_t bytes = sizeof(int) * (size_t)s->n;
    w->origin_rooms = malloc(bytes); w->origin_starts = malloc(bytes);
    w->best_rooms = malloc(bytes); w->best_starts = malloc(bytes);
    st_positions(s, w->origin_rooms, w->origin_starts);
    st_positions(s, w->best_rooms, w->best_starts);
    w->t_hot = w->temperature = t_hot;
    w->t_cold = t_cold;
    w->started = now_seconds();
    w->budget = seconds > 1e-6 ? seconds : 1e-6;
    w->deadline = w->started + seconds;
    w->max_iterations = max_iterations;
    w->stall = stall;
    w->long_share = long_share;
    w->swap_share = swap_share;
    w->current = w->best = st_score(s);
    return w;
}

void walk_free(Walk *w) {
    if (!w) return;
    free(w->movable); free(w->longs);
    free(w->origin_rooms); free(w->origin_starts); free(w->best_rooms); free(w->best_starts);
    free(w);
}

/* Walk on for at most ``seconds`` (the slice; the walk's own deadline and
 * iteration count still hold). Returns 1 when the walk is over, 0 when only the
 * slice is. Each better grid is copied to best_rooms/best_starts. */
int walk_run(Walk *w, double seconds) {
    St *s = w->s;
    Change change[MAX_CHANGE], undo[MAX_CHANGE];
    double slice_end = now_seconds() + seconds;
    double ratio = w->t_cold / w->t_hot;
    if (!w->n_movable) return 1;
    for (;;) {
        if (w->max_iterations >= 0 && w->iteration >= w->max_iterations) return 1;
        if (w->iteration % 64 == 0) {
            double now = now_seconds(), progress;
            if (now >= w->deadline) return 1;
            if (w->max_iterations >= 0) {
                long span = w->max_iterations - w->first;
                progress = (double)(w->iteration - w->first) / (double)(span > 1 ? span : 1);
            } else {
                if (now >= slice_end) return 0;
                progress = (now - w->started) / w->budget;
            }
            if (w->since >= w->stall && progress < 0.5) { /* settled early: again from the start */
                st_load(s, w->origin_rooms, w->origin_starts);
                w->current = st_score(s);
                w->started = now;
                w->budget = w->deadline - now > 1e-6 ? w->deadline - now : 1e-6;
                w->first = w->iteration;
                w->since = 0;
                w->restarts++;
                progress = 0.0;
            }
            w->temperature = w->t_hot * pow(ratio, progress);
        }
        w->iteration++;
        w->since++;
        int n = propose(w, change);
        if (!n || (w->published && drops_published(s, change, n))) continue;
        double limit = w->temperature * log(1.0 - draw(w)), gain;
        if (delta(s, change, n, limit, &gain)) {  /* scored without making it: made only when taken */
            if (gain < limit) continue;
            apply(s, change, n, NULL);
        } else {
            int n_undo = apply(s, change, n, undo);
            if (st_score(s) - w->current < limit) {
                apply(s, undo, n_undo, NULL);
                continue;
            }
        }
        double fresh = st_score(s);
        w->current = fresh;
        if (fresh > w->best + 1e-9) {
            w->best = fresh;
            w->since = 0;
            st_positions(s, w->best_rooms, w->best_starts);
            w->improved = 1;
        }
    }
}

/* The best grid seen; returns whether it is new since the last call. */
int walk_best(Walk *w, int *rooms, int *starts) {
    int improved = w->improved;
    memcpy(rooms, w->best_rooms, sizeof(int) * (size_t)w->s->n);
    memcpy(starts, w->best_starts, sizeof(int) * (size_t)w->s->n);
    w->improved = 0;
    return improved;
}

long walk_iterations(const Walk *w) { return w->iteration; }
long walk_restarts(const Walk *w) { return w->restarts; }
long walk_first(const Walk *w) { return w->first; }
