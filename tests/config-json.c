/*
 * config-json.c: a loaded aws_config as botocore's load_config() dict.
 * Later duplicates of a sub-section key win, as in a Python dict.
 */
#include "hs-common.h"
#include "config-int.h"
#include "config-json.h"

/* A section as botocore's dict: values, and sub-sections as dicts. */
static cJSON *
section_json(const struct aws_config_section *s)
{
	cJSON *o = cJSON_CreateObject();
	size_t i, j;

	for (i = 0; i < s->n; i++) {
		const struct aws_config_entry *e = &s->entries[i];
		cJSON *v;

		if (e->value != NULL) {
			v = cJSON_CreateString(e->value);
		} else {
			v = cJSON_CreateObject();
			for (j = 0; j < e->nsub; j++) {
				cJSON_DeleteItemFromObjectCaseSensitive(v,
				    e->sub[j].key);
				cJSON_AddStringToObject(v, e->sub[j].key,
				    e->sub[j].value);
			}
		}
		cJSON_DeleteItemFromObjectCaseSensitive(o, e->key);
		cJSON_AddItemToObject(o, e->key, v);
	}
	return o;
}

/* A list of named sections as a dict. */
static cJSON *
named_json(const struct aws_config_named *list, size_t n)
{
	cJSON *o = cJSON_CreateObject();
	size_t i;

	for (i = 0; i < n; i++)
		cJSON_AddItemToObject(o, list[i].name,
		    section_json(list[i].section));
	return o;
}

/* The config file of cfg as botocore's load_config() returns it. */
cJSON *
config_json(const struct aws_config *cfg)
{
	const struct aws_config_file *f = &cfg->files[AWS_CONFIG_KIND_CONFIG];
	cJSON *o = cJSON_CreateObject();
	size_t i;

	cJSON_AddItemToObject(o, "profiles", named_json(cfg->profiles,
	    cfg->nprofiles));
	cJSON_AddItemToObject(o, "sso_sessions", named_json(cfg->sso_sessions,
	    cfg->nsso));
	cJSON_AddItemToObject(o, "services", named_json(cfg->services,
	    cfg->nservices));
	for (i = 0; i < f->n; i++) {
		const char *h = f->sections[i].header;

		if (hs_starts_with(h, "profile") ||
		    hs_starts_with(h, "sso-session") ||
		    hs_starts_with(h, "services") || strcmp(h, "default") == 0)
			continue;
		cJSON_DeleteItemFromObjectCaseSensitive(o, h);
		cJSON_AddItemToObject(o, h, section_json(&f->sections[i]));
	}
	return o;
}
