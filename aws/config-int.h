/*
 * config-int.h: what the config-*.c files share; not for other modules.
 *
 * A parsed file is a list of sections in file order, each a list of
 * entries; an entry is a plain value or a sub-section of its own
 * entries. [DEFAULT] entries are already copied into every section.
 */
#ifndef HS_AWS_CONFIG_INT_H
#define HS_AWS_CONFIG_INT_H

#include "hs-common.h"
#include "config.h"

struct aws_config_entry {
	char *key;		/* lower-cased; sub-section keys as written */
	char *value;		/* NULL when the entry is a sub-section */
	struct aws_config_entry *sub;	/* sub-section entries */
	size_t nsub;
	unsigned line;
};

struct aws_config_section {
	char *header;		/* between the brackets, as written */
	unsigned line;
	struct aws_config_entry *entries;
	size_t n;
};

struct aws_config_file {
	char *path;
	bool found;
	struct aws_config_section *sections;
	size_t n;
};

/* A named section: profile, sso-session or services. */
struct aws_config_named {
	char *name;
	const struct aws_config_section *section;
};

struct aws_config {
	struct aws_config_file files[2];	/* by enum aws_config_kind */
	/* Sections of the config file by name, botocore's build_profile_map. */
	struct aws_config_named *profiles;
	size_t nprofiles;
	struct aws_config_named *sso_sessions;
	size_t nsso;
	struct aws_config_named *services;
	size_t nservices;
};

/* config-parse.c */
/* Parse text as botocore reads an INI file; -1 with "NAME:LINE: ..." */
int aws_config_parse(struct aws_config_file *f, const char *name,
    const char *text, size_t len, char **cause);
/* Free a parsed file's sections. */
void aws_config_file_clear(struct aws_config_file *f);
/* Split a section header as Python's shlex.split; -1 on bad quoting. */
int aws_config_shlex(const char *s, char ***words, size_t *n);
/* Free what aws_config_shlex returned. */
void aws_config_shlex_free(char **words, size_t n);

/* config-file.c */
/* Find an entry of a section by key (exact), or NULL. */
const struct aws_config_entry *aws_config_section_find(
    const struct aws_config_section *s, const char *key);
/* Find a section of a file by header (exact), or NULL (the last wins). */
const struct aws_config_section *aws_config_file_section(
    const struct aws_config_file *f, const char *header);

/* config-settings.c */
enum aws_option_id {
	AWS_OPT_NONE, AWS_OPT_PROFILE, AWS_OPT_REGION, AWS_OPT_OUTPUT,
	AWS_OPT_ENDPOINT_URL, AWS_OPT_CA_BUNDLE, AWS_OPT_CONNECT_TIMEOUT,
	AWS_OPT_READ_TIMEOUT, AWS_OPT_NO_VERIFY_SSL, AWS_OPT_COUNT
};

enum aws_setting_type {
	AWS_TYPE_STRING,	/* anything */
	AWS_TYPE_BOOL,		/* true or false, any case */
	AWS_TYPE_COUNT,		/* a whole number >= 0 */
	AWS_TYPE_POSITIVE,	/* a whole number >= 1 */
	AWS_TYPE_CHOICE,	/* one of choices */
	AWS_TYPE_REGION,	/* a region name: a DNS label */
	AWS_TYPE_COMPRESSION_SIZE, /* a whole number in [1, 1048576] */
};

/* How one setting is looked up, in this order. */
struct aws_setting_def {
	const char *name;		/* documented name */
	enum aws_option_id option;	/* command-line option, or NONE */
	const char *option_name;	/* "--region" */
	const char *env[2];		/* environment variables, in order */
	const char *key;		/* profile key */
	const char *sub, *subkey;	/* profile sub-section key */
	const char *late_env;		/* read after the profile (PAGER) */
	const char *dflt;		/* default value, or NULL */
	enum aws_setting_type type;
	const char *const *choices;	/* AWS_TYPE_CHOICE, NULL-terminated */
	bool empty_ok;			/* an empty value counts (AWS_PAGER) */
	bool nocase;			/* choices compare case-insensitively */
};

/* The definition of a setting. */
const struct aws_setting_def *aws_setting_def(enum aws_setting s);
/* Check a value against its type; NULL or what is expected instead. */
const char *aws_setting_check(const struct aws_setting_def *d,
    const char *value);

#endif
