/*
 * config-json.h: render a loaded aws_config as botocore's load_config()
 * result ({"profiles": {...}, "sso_sessions": {...}, "services": {...},
 * plus every other section}), so tests can compare the two parsers.
 * The returned cJSON belongs to the caller (cJSON_Delete).
 */
#ifndef HS_TESTS_CONFIG_JSON_H
#define HS_TESTS_CONFIG_JSON_H

#include <cjson/cJSON.h>

struct aws_config;

/* The config file of cfg as botocore's load_config() returns it. */
cJSON *config_json(const struct aws_config *cfg);

#endif
