/*
 * A librdkafka client that walks the paths a user's application takes against a broker:
 * create a topic, set one of its configs, describe its configs and the broker's, produce,
 * consume in a classic group, commit, read the commit back, and list the groups. Built against librdkafka 2.12 (the sources the
 * node-rdkafka 3.6.1 npm package bundles) by scripts/build-librdkafka-tests.sh; used by
 * test/integration/librdkafka-flexible.test.ts, which reads what it prints on stdout (one
 * fact per line) and, from librdkafka's protocol debug log on stderr, which version of
 * each API it negotiated.
 *
 * usage: rdkafka-check <bootstrap> <topic> <group> <messages>
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "rdkafka.h"

static int delivered, failed;

static void fail(const char *what, const char *why) {
        printf("error %s: %s\n", what, why);
        fflush(stdout);
        exit(1);
}

static rd_kafka_conf_t *base_conf(const char *bootstrap) {
        char errstr[512];
        rd_kafka_conf_t *conf = rd_kafka_conf_new();
        if (rd_kafka_conf_set(conf, "bootstrap.servers", bootstrap, errstr, sizeof errstr) ||
            rd_kafka_conf_set(conf, "debug", "protocol", errstr, sizeof errstr))
                fail("conf", errstr);
        return conf;
}

static void on_delivery(rd_kafka_t *rk, const rd_kafka_message_t *m, void *opaque) {
        (void)rk;
        (void)opaque;
        if (m->err) {
                failed++;
                printf("delivery-error %s\n", rd_kafka_err2str(m->err));
        } else
                delivered++;
}

/* Waits for one admin result event on q; fails on a request-level error. */
static rd_kafka_event_t *admin_result(rd_kafka_queue_t *q, const char *what) {
        rd_kafka_event_t *ev = rd_kafka_queue_poll(q, 15000);
        if (!ev) fail(what, "no answer in 15 s");
        if (rd_kafka_event_error(ev)) fail(what, rd_kafka_event_error_string(ev));
        return ev;
}

static void create_topic(rd_kafka_t *rk, const char *topic) {
        char errstr[512];
        rd_kafka_queue_t *q = rd_kafka_queue_new(rk);
        rd_kafka_NewTopic_t *nt = rd_kafka_NewTopic_new(topic, 3, 1, errstr, sizeof errstr);
        if (!nt) fail("create", errstr);
        rd_kafka_CreateTopics(rk, &nt, 1, NULL, q);
        rd_kafka_event_t *ev = admin_result(q, "create");
        size_t n;
        const rd_kafka_topic_result_t **res = rd_kafka_CreateTopics_result_topics(rd_kafka_event_CreateTopics_result(ev), &n);
        for (size_t i = 0; i < n; i++)
                printf("created %s %s\n", rd_kafka_topic_result_name(res[i]), rd_kafka_err2name(rd_kafka_topic_result_error(res[i])));
        rd_kafka_event_destroy(ev);
        rd_kafka_NewTopic_destroy(nt);
        rd_kafka_queue_destroy(q);
}

static void describe_configs(rd_kafka_t *rk, const char *topic) {
        rd_kafka_queue_t *q = rd_kafka_queue_new(rk);
        rd_kafka_ConfigResource_t *wanted[2] = {
            rd_kafka_ConfigResource_new(RD_KAFKA_RESOURCE_TOPIC, topic),
            rd_kafka_ConfigResource_new(RD_KAFKA_RESOURCE_BROKER, "0"),
        };
        rd_kafka_DescribeConfigs(rk, wanted, 2, NULL, q);
        rd_kafka_event_t *ev = admin_result(q, "describe-configs");
        size_t n;
        const rd_kafka_ConfigResource_t **res = rd_kafka_DescribeConfigs_result_resources(rd_kafka_event_DescribeConfigs_result(ev), &n);
        for (size_t i = 0; i < n; i++) {
                const char *type = rd_kafka_ResourceType_name(rd_kafka_ConfigResource_type(res[i]));
                if (rd_kafka_ConfigResource_error(res[i])) {
                        printf("config-error %s %s %s\n", type, rd_kafka_ConfigResource_name(res[i]), rd_kafka_ConfigResource_error_string(res[i]));
                        continue;
                }
                size_t cnt;
                const rd_kafka_ConfigEntry_t **entries = rd_kafka_ConfigResource_configs(res[i], &cnt);
                for (size_t j = 0; j < cnt; j++) {
                        const char *value = rd_kafka_ConfigEntry_value(entries[j]);
                        printf("config %s %s %s=%s source=%s\n", type, rd_kafka_ConfigResource_name(res[i]), rd_kafka_ConfigEntry_name(entries[j]),
                               value ? value : "(null)", rd_kafka_ConfigSource_name(rd_kafka_ConfigEntry_source(entries[j])));
                }
        }
        rd_kafka_event_destroy(ev);
        rd_kafka_ConfigResource_destroy_array(wanted, 2);
        rd_kafka_queue_destroy(q);
}

/* Sets one topic config with IncrementalAlterConfigs (flexible v1); the answer is printed, not fatal. */
static void alter_config(rd_kafka_t *rk, const char *topic, const char *name, const char *value) {
        rd_kafka_queue_t *q = rd_kafka_queue_new(rk);
        rd_kafka_ConfigResource_t *cr = rd_kafka_ConfigResource_new(RD_KAFKA_RESOURCE_TOPIC, topic);
        rd_kafka_error_t *e = rd_kafka_ConfigResource_add_incremental_config(cr, name, RD_KAFKA_ALTER_CONFIG_OP_TYPE_SET, value);
        if (e) fail("alter", rd_kafka_error_string(e));
        rd_kafka_IncrementalAlterConfigs(rk, &cr, 1, NULL, q);
        rd_kafka_event_t *ev = rd_kafka_queue_poll(q, 15000);
        if (!ev) fail("alter", "no answer in 15 s");
        if (rd_kafka_event_error(ev)) {
                printf("altered %s %s\n", rd_kafka_err2name(rd_kafka_event_error(ev)), rd_kafka_event_error_string(ev));
        } else {
                size_t n;
                const rd_kafka_ConfigResource_t **res = rd_kafka_IncrementalAlterConfigs_result_resources(rd_kafka_event_IncrementalAlterConfigs_result(ev), &n);
                for (size_t i = 0; i < n; i++) printf("altered %s %s\n", rd_kafka_err2name(rd_kafka_ConfigResource_error(res[i])), rd_kafka_ConfigResource_name(res[i]));
        }
        rd_kafka_event_destroy(ev);
        rd_kafka_ConfigResource_destroy(cr);
        rd_kafka_queue_destroy(q);
}

static void list_groups(const char *bootstrap) {
        char errstr[512];
        rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_PRODUCER, base_conf(bootstrap), errstr, sizeof errstr);
        if (!rk) fail("admin", errstr);
        rd_kafka_queue_t *q = rd_kafka_queue_new(rk);
        rd_kafka_ListConsumerGroups(rk, NULL, q);
        rd_kafka_event_t *ev = admin_result(q, "list-groups");
        size_t n;
        const rd_kafka_ConsumerGroupListing_t **groups = rd_kafka_ListConsumerGroups_result_valid(rd_kafka_event_ListConsumerGroups_result(ev), &n);
        for (size_t i = 0; i < n; i++)
                printf("group %s %s %s\n", rd_kafka_ConsumerGroupListing_group_id(groups[i]),
                       rd_kafka_consumer_group_state_name(rd_kafka_ConsumerGroupListing_state(groups[i])),
                       rd_kafka_consumer_group_type_name(rd_kafka_ConsumerGroupListing_type(groups[i])));
        rd_kafka_event_destroy(ev);
        rd_kafka_queue_destroy(q);
        rd_kafka_destroy(rk);
}

static void produce(const char *bootstrap, const char *topic, int count) {
        char errstr[512];
        rd_kafka_conf_t *conf = base_conf(bootstrap);
        rd_kafka_conf_set_dr_msg_cb(conf, on_delivery);
        rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof errstr);
        if (!rk) fail("producer", errstr);
        create_topic(rk, topic);
        alter_config(rk, topic, "retention.ms", "3600000");
        describe_configs(rk, topic);
        for (int i = 0; i < count; i++) {
                char value[64];
                int len = snprintf(value, sizeof value, "message-%d", i);
                rd_kafka_resp_err_t err = rd_kafka_producev(rk, RD_KAFKA_V_TOPIC(topic), RD_KAFKA_V_KEY(value, (size_t)len),
                                                            RD_KAFKA_V_VALUE(value, (size_t)len), RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_END);
                if (err) fail("produce", rd_kafka_err2str(err));
        }
        if (rd_kafka_flush(rk, 15000)) fail("flush", "messages still in the queue after 15 s");
        printf("delivered %d failed %d\n", delivered, failed);
        rd_kafka_destroy(rk);
}

static void consume(const char *bootstrap, const char *topic, const char *group, int count) {
        char errstr[512];
        rd_kafka_conf_t *conf = base_conf(bootstrap);
        if (rd_kafka_conf_set(conf, "group.id", group, errstr, sizeof errstr) ||
            rd_kafka_conf_set(conf, "group.protocol", "classic", errstr, sizeof errstr) ||
            rd_kafka_conf_set(conf, "auto.offset.reset", "earliest", errstr, sizeof errstr) ||
            rd_kafka_conf_set(conf, "enable.auto.commit", "false", errstr, sizeof errstr))
                fail("conf", errstr);
        rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_CONSUMER, conf, errstr, sizeof errstr);
        if (!rk) fail("consumer", errstr);
        rd_kafka_poll_set_consumer(rk);
        rd_kafka_topic_partition_list_t *sub = rd_kafka_topic_partition_list_new(1);
        rd_kafka_topic_partition_list_add(sub, topic, RD_KAFKA_PARTITION_UA);
        rd_kafka_resp_err_t err = rd_kafka_subscribe(rk, sub);
        if (err) fail("subscribe", rd_kafka_err2str(err));
        rd_kafka_topic_partition_list_destroy(sub);

        int got = 0;
        time_t deadline = time(NULL) + 30;
        while (got < count && time(NULL) < deadline) {
                rd_kafka_message_t *m = rd_kafka_consumer_poll(rk, 500);
                if (!m) continue;
                if (m->err == RD_KAFKA_RESP_ERR_NO_ERROR) got++;
                else if (m->err != RD_KAFKA_RESP_ERR__PARTITION_EOF) printf("consume-error %s\n", rd_kafka_message_errstr(m));
                rd_kafka_message_destroy(m);
        }
        printf("consumed %d\n", got);

        err = rd_kafka_commit(rk, NULL, 0);
        if (err) fail("commit", rd_kafka_err2str(err));
        rd_kafka_topic_partition_list_t *parts;
        err = rd_kafka_assignment(rk, &parts);
        if (err) fail("assignment", rd_kafka_err2str(err));
        err = rd_kafka_committed(rk, parts, 10000);
        if (err) fail("committed", rd_kafka_err2str(err));
        for (int i = 0; i < parts->cnt; i++)
                printf("committed %s %d %lld\n", parts->elems[i].topic, parts->elems[i].partition, (long long)parts->elems[i].offset);
        rd_kafka_topic_partition_list_destroy(parts);
        rd_kafka_consumer_close(rk);
        rd_kafka_destroy(rk);
}

int main(int argc, char **argv) {
        if (argc != 5) {
                fprintf(stderr, "usage: %s <bootstrap> <topic> <group> <messages>\n", argv[0]);
                return 2;
        }
        int count = atoi(argv[4]);
        printf("librdkafka %s\n", rd_kafka_version_str());
        produce(argv[1], argv[2], count);
        consume(argv[1], argv[2], argv[3], count);
        list_groups(argv[1]);
        printf("done\n");
        return 0;
}
