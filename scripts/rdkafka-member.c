/*
 * A long-running librdkafka consumer-group member that a test drives: it subscribes, polls,
 * and reports what happens to it as one JSON object per line on stdout (assigned, revoked,
 * lost, message, committed, error, member, closed), and obeys commands read line by line
 * from stdin (commit, commit <topic> <partition> <offset>, assignment, member, close). EOF
 * on stdin and SIGTERM close it cleanly (leaving the group); tests crash or freeze it with
 * SIGKILL / SIGSTOP. Built against librdkafka 2.12 by scripts/build-librdkafka-tests.sh;
 * driven by test/helpers/rdkafka-member.ts. Works for both group protocols: classic (eager
 * or cooperative assignors) and consumer (KIP-848, always incremental).
 *
 * usage: rdkafka-member <bootstrap> <group> <topic,topic...> [key=value ...]
 *   key=value is a librdkafka property, except our own x.* options:
 *     x.autocommit=true|false      (default false: commit only when told)
 *     x.print_messages=true|false  (default true)
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rdkafka.h"

static volatile sig_atomic_t terminate;
static int print_messages = 1;

static void on_sigterm(int sig) {
        (void)sig;
        terminate = 1;
}

/* Writes s as a JSON string; bytes are passed through except what JSON must escape. */
static void json_str(const char *s, size_t len) {
        putchar('"');
        for (size_t i = 0; i < len; i++) {
                unsigned char c = (unsigned char)s[i];
                if (c == '"' || c == '\\') printf("\\%c", c);
                else if (c == '\n') fputs("\\n", stdout);
                else if (c < 0x20 || c == 0x7f) printf("\\u%04x", c);
                else putchar(c);
        }
        putchar('"');
}

static void json_cstr(const char *s) {
        if (s) json_str(s, strlen(s));
        else fputs("null", stdout);
}

/* Ends the event: one line each, flushed, so the test sees it as soon as it happens. */
static void end_event(void) {
        fputs("}\n", stdout);
        fflush(stdout);
}

/* [{"topic","partition"[,"offset"][,"error"]}...]; with_offsets for commit results. */
static void json_parts(const rd_kafka_topic_partition_list_t *parts, int with_offsets) {
        putchar('[');
        for (int i = 0; parts && i < parts->cnt; i++) {
                const rd_kafka_topic_partition_t *p = &parts->elems[i];
                printf("%s{\"topic\":", i ? "," : "");
                json_cstr(p->topic);
                printf(",\"partition\":%d", (int)p->partition);
                if (with_offsets) printf(",\"offset\":%lld", (long long)p->offset);
                if (p->err) printf(",\"error\":\"%s\"", rd_kafka_err2name(p->err));
                putchar('}');
        }
        putchar(']');
}

/* ,"assignment":[...] — the whole assignment as it stands now. */
static void json_assignment(rd_kafka_t *rk) {
        rd_kafka_topic_partition_list_t *now = NULL;
        rd_kafka_resp_err_t err = rd_kafka_assignment(rk, &now);
        fputs(",\"assignment\":", stdout);
        if (err) printf("null,\"assignment_error\":\"%s\"", rd_kafka_err2name(err));
        else json_parts(now, 0);
        if (now) rd_kafka_topic_partition_list_destroy(now);
}

static void print_error(rd_kafka_t *rk, rd_kafka_resp_err_t err, const char *message) {
        char fatal_msg[512];
        int fatal = err == RD_KAFKA_RESP_ERR__FATAL;
        /* _FATAL is only a marker: the error that caused it is what a test wants to see */
        if (fatal) {
                err = rd_kafka_fatal_error(rk, fatal_msg, sizeof fatal_msg);
                message = fatal_msg;
        }
        printf("{\"event\":\"error\",\"code\":\"%s\",\"message\":", rd_kafka_err2name(err));
        json_cstr(message);
        printf(",\"fatal\":%s", fatal ? "true" : "false");
        end_event();
}

static void on_error(rd_kafka_t *rk, int err, const char *reason, void *opaque) {
        (void)opaque;
        print_error(rk, (rd_kafka_resp_err_t)err, reason);
}

static void report_error_object(rd_kafka_t *rk, rd_kafka_error_t *error) {
        if (!error) return;
        print_error(rk, rd_kafka_error_code(error), rd_kafka_error_string(error));
        rd_kafka_error_destroy(error);
}

/*
 * The consumer protocol (KIP-848) and the classic cooperative-sticky assignor hand out and
 * take back partitions incrementally; the classic eager assignors always replace the whole
 * assignment. rd_kafka_rebalance_protocol() says which one is in force ("COOPERATIVE" for
 * group.protocol=consumer too).
 */
static void on_rebalance(rd_kafka_t *rk, rd_kafka_resp_err_t err, rd_kafka_topic_partition_list_t *parts, void *opaque) {
        (void)opaque;
        const char *proto = rd_kafka_rebalance_protocol(rk);
        int incremental = proto && !strcmp(proto, "COOPERATIVE");
        const char *event;
        if (err == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS) {
                event = "assigned";
                if (incremental) report_error_object(rk, rd_kafka_incremental_assign(rk, parts));
                else if ((err = rd_kafka_assign(rk, parts))) print_error(rk, err, "assign");
        } else if (err == RD_KAFKA_RESP_ERR__REVOKE_PARTITIONS) {
                /* asked before unassigning: any (un)assign call clears the flag */
                event = rd_kafka_assignment_lost(rk) ? "lost" : "revoked";
                if (incremental) report_error_object(rk, rd_kafka_incremental_unassign(rk, parts));
                else if ((err = rd_kafka_assign(rk, NULL))) print_error(rk, err, "unassign");
        } else {
                /* librdkafka's documented fallback for a failed rebalance: drop everything */
                print_error(rk, err, "rebalance failed");
                event = "revoked";
                if (incremental) report_error_object(rk, rd_kafka_incremental_unassign(rk, parts));
                else rd_kafka_assign(rk, NULL);
        }
        printf("{\"event\":\"%s\",\"protocol\":", event);
        json_cstr(proto);
        fputs(",\"partitions\":", stdout);
        json_parts(parts, 0);
        json_assignment(rk);
        end_event();
}

static void print_commit(rd_kafka_t *rk, rd_kafka_resp_err_t err, rd_kafka_topic_partition_list_t *offsets, void *called) {
        (void)rk;
        *(int *)called = 1;
        fputs("{\"event\":\"committed\",\"offsets\":", stdout);
        json_parts(offsets, 1);
        fputs(",\"error\":", stdout);
        json_cstr(err ? rd_kafka_err2name(err) : NULL);
        end_event();
}

/* Synchronous commit (NULL = the current positions); the callback prints what was committed. */
static void commit(rd_kafka_t *rk, const rd_kafka_topic_partition_list_t *offsets) {
        int called = 0;
        rd_kafka_resp_err_t err = rd_kafka_commit_queue(rk, offsets, NULL, print_commit, &called);
        /* refused before it reached the group (e.g. no group): still one answer per command */
        if (!called) print_commit(rk, err, NULL, &called);
}

static void print_member(rd_kafka_t *rk) {
        char *id = rd_kafka_memberid(rk);
        rd_kafka_consumer_group_metadata_t *md = rd_kafka_consumer_group_metadata(rk);
        fputs("{\"event\":\"member\",\"member_id\":", stdout);
        json_cstr(id);
        printf(",\"generation\":");
        if (md) printf("%d", (int)rd_kafka_consumer_group_metadata_generation_id(md));
        else fputs("null", stdout);
        end_event();
        if (md) rd_kafka_consumer_group_metadata_destroy(md);
        if (id) rd_kafka_mem_free(rk, id);
}

/* Runs one command line; returns 1 when the member should close. */
static int run_command(rd_kafka_t *rk, char *line) {
        char topic[256];
        int partition;
        long long offset;
        if (!strcmp(line, "close")) return 1;
        if (!strcmp(line, "commit")) {
                commit(rk, NULL);
        } else if (sscanf(line, "commit %255s %d %lld", topic, &partition, &offset) == 3) {
                rd_kafka_topic_partition_list_t *l = rd_kafka_topic_partition_list_new(1);
                rd_kafka_topic_partition_list_add(l, topic, partition)->offset = offset;
                commit(rk, l);
                rd_kafka_topic_partition_list_destroy(l);
        } else if (!strcmp(line, "assignment")) {
                fputs("{\"event\":\"assignment\"", stdout);
                json_assignment(rk);
                end_event();
        } else if (!strcmp(line, "member")) {
                print_member(rk);
        } else if (line[0]) {
                printf("{\"event\":\"error\",\"code\":\"unknown_command\",\"message\":");
                json_cstr(line);
                fputs(",\"fatal\":false", stdout);
                end_event();
        }
        return 0;
}

/*
 * Reads whatever stdin has without blocking the poll loop and runs each complete line.
 * Returns 1 on "close" or EOF.
 */
static int serve_stdin(rd_kafka_t *rk) {
        static char buf[4096];
        static size_t used;
        struct pollfd pfd = {.fd = 0, .events = POLLIN};
        if (poll(&pfd, 1, 0) <= 0) return 0;
        ssize_t n = read(0, buf + used, sizeof buf - 1 - used);
        if (n < 0) return errno == EINTR || errno == EAGAIN ? 0 : 1;
        if (n == 0) return 1;
        used += (size_t)n;
        buf[used] = 0;
        char *start = buf, *nl;
        while ((nl = strchr(start, '\n'))) {
                *nl = 0;
                if (nl > start && nl[-1] == '\r') nl[-1] = 0;
                if (run_command(rk, start)) return 1;
                start = nl + 1;
        }
        used -= (size_t)(start - buf);
        memmove(buf, start, used);
        if (used == sizeof buf - 1) used = 0; /* a line longer than any command: drop it */
        return 0;
}

static void print_message(const rd_kafka_message_t *m) {
        printf("{\"event\":\"message\",\"topic\":");
        json_cstr(rd_kafka_topic_name(m->rkt));
        printf(",\"partition\":%d,\"offset\":%lld,\"key\":", (int)m->partition, (long long)m->offset);
        if (m->key) json_str(m->key, m->key_len);
        else fputs("null", stdout);
        fputs(",\"value\":", stdout);
        if (m->payload) json_str(m->payload, m->len);
        else fputs("null", stdout);
        end_event();
}

static void conf_set(rd_kafka_conf_t *conf, const char *key, const char *value) {
        char errstr[512];
        if (rd_kafka_conf_set(conf, key, value, errstr, sizeof errstr) != RD_KAFKA_CONF_OK) {
                printf("{\"event\":\"error\",\"code\":\"config\",\"message\":");
                json_cstr(errstr);
                fputs(",\"fatal\":true", stdout);
                end_event();
                exit(2);
        }
}

int main(int argc, char **argv) {
        if (argc < 4) {
                fprintf(stderr, "usage: %s <bootstrap> <group> <topic,topic...> [key=value ...]\n", argv[0]);
                return 2;
        }
        rd_kafka_conf_t *conf = rd_kafka_conf_new();
        conf_set(conf, "bootstrap.servers", argv[1]);
        conf_set(conf, "group.id", argv[2]);
        /* tests produce before members start, and commit only when they say so */
        conf_set(conf, "auto.offset.reset", "earliest");
        conf_set(conf, "enable.auto.commit", "false");
        for (int i = 4; i < argc; i++) {
                char *eq = strchr(argv[i], '=');
                if (!eq) {
                        fprintf(stderr, "not key=value: %s\n", argv[i]);
                        return 2;
                }
                *eq = 0;
                const char *key = argv[i], *value = eq + 1;
                if (!strcmp(key, "x.autocommit")) conf_set(conf, "enable.auto.commit", value);
                else if (!strcmp(key, "x.print_messages")) print_messages = !strcmp(value, "true");
                else conf_set(conf, key, value);
        }
        rd_kafka_conf_set_rebalance_cb(conf, on_rebalance);
        rd_kafka_conf_set_error_cb(conf, on_error);

        char errstr[512];
        rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_CONSUMER, conf, errstr, sizeof errstr);
        if (!rk) {
                printf("{\"event\":\"error\",\"code\":\"create\",\"message\":");
                json_cstr(errstr);
                fputs(",\"fatal\":true", stdout);
                end_event();
                return 1;
        }
        rd_kafka_poll_set_consumer(rk);

        rd_kafka_topic_partition_list_t *sub = rd_kafka_topic_partition_list_new(4);
        char *topics = strdup(argv[3]), *save = NULL;
        for (char *t = strtok_r(topics, ",", &save); t; t = strtok_r(NULL, ",", &save))
                rd_kafka_topic_partition_list_add(sub, t, RD_KAFKA_PARTITION_UA);
        free(topics);
        rd_kafka_resp_err_t err = rd_kafka_subscribe(rk, sub);
        rd_kafka_topic_partition_list_destroy(sub);
        if (err) print_error(rk, err, "subscribe");

        struct sigaction sa = {.sa_handler = on_sigterm};
        sigaction(SIGTERM, &sa, NULL);
        printf("{\"event\":\"started\",\"version\":");
        json_cstr(rd_kafka_version_str());
        end_event();

        /* short poll so commands on stdin and SIGTERM are seen within ~100 ms */
        while (!terminate && !serve_stdin(rk)) {
                rd_kafka_message_t *m = rd_kafka_consumer_poll(rk, 100);
                if (!m) continue;
                if (!m->err) {
                        if (print_messages) print_message(m);
                } else if (m->err != RD_KAFKA_RESP_ERR__PARTITION_EOF) {
                        print_error(rk, m->err, rd_kafka_message_errstr(m));
                }
                rd_kafka_message_destroy(m);
        }

        /* leaves the group (the revoke comes through on_rebalance first) */
        err = rd_kafka_consumer_close(rk);
        fputs("{\"event\":\"closed\",\"error\":", stdout);
        json_cstr(err ? rd_kafka_err2name(err) : NULL);
        end_event();
        rd_kafka_destroy(rk);
        return 0;
}
