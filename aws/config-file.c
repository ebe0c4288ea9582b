/*
 * config-file.c: load ~/.aws/config and ~/.aws/credentials and answer
 * questions about profiles, as botocore's Session.full_config does.
 *
 * In the config file, a section whose header starts with "profile" and
 * splits (shlex) into exactly two words is the profile named by the
 * second word, "default" is the default profile, and likewise
 * "sso-session NAME" and "services NAME"; anything else is ignored. So
 * "[profile dev]", "[profile  dev]" and "[profile \"dev\"]" all define
 * "dev", and the last one in the file wins. In the credentials file
 * every section is a profile named by its whole header. A profile in
 * both files reads the credentials file first, key by key.
 */
#include "hs-common.h"
#include "config-int.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_FILE_SIZE (16 << 20)

/* Read a whole file; a missing file (or a folder) is "not found". */
static int
read_file(const char *path, struct hs_buf *out, bool *found, char **cause)
{
	struct stat st;
	char chunk[8192];
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	*found = false;
	if (fd < 0 && (errno == ENOENT || errno == ENOTDIR))
		return 0;
	if (fd < 0 || fstat(fd, &st) < 0) {
		*cause = hs_xasprintf("cannot read '%s': %s", path,
		    strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		return 0;
	}
	while ((n = read(fd, chunk, sizeof chunk)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 || hs_buf_add(out, chunk, (size_t)n) < 0) {
			*cause = n < 0 ? hs_xasprintf("cannot read '%s': %s",
			    path, strerror(errno)) : hs_xasprintf("cannot read "
			    "'%s': it is larger than %d bytes", path,
			    MAX_FILE_SIZE);
			close(fd);
			return -1;
		}
	}
	close(fd);
	*found = true;
	return 0;
}

/* Load and parse one file into f. */
static int
load_one(struct aws_config_file *f, const char *path, char **cause)
{
	struct hs_buf text = HS_BUF_INIT_CAP(MAX_FILE_SIZE);
	int rc = -1;

	f->path = hs_xstrdup(path);
	if (read_file(path, &text, &f->found, cause) < 0)
		goto cleanup;
	if (f->found && aws_config_parse(f, path, text.buf, text.len,
	    cause) < 0)
		goto cleanup;
	rc = 0;
cleanup:
	hs_buf_cleanse(&text);
	return rc;
}

/* Point name at section in a list, replacing an earlier one. */
static void
name_section(struct aws_config_named **list, size_t *n, const char *name,
    const struct aws_config_section *s)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if (strcmp((*list)[i].name, name) == 0) {
			(*list)[i].section = s;
			return;
		}
	*list = hs_xreallocarray(*list, *n + 1, sizeof **list);
	(*list)[*n].name = hs_xstrdup(name);
	(*list)[(*n)++].section = s;
}

/* Name a "PREFIX NAME" section if it splits into two words. */
static bool
name_prefixed(struct aws_config_named **list, size_t *n, const char *prefix,
    const struct aws_config_section *s)
{
	char **words;
	size_t nw;

	if (!hs_starts_with(s->header, prefix))
		return false;
	if (aws_config_shlex(s->header, &words, &nw) == 0) {
		if (nw == 2)
			name_section(list, n, words[1], s);
		aws_config_shlex_free(words, nw);
	}
	return true;
}

/* Sort the config file's sections into profiles, sso-sessions, services. */
static void
build_maps(struct aws_config *cfg)
{
	const struct aws_config_file *f = &cfg->files[AWS_CONFIG_KIND_CONFIG];
	size_t i;

	for (i = 0; i < f->n; i++) {
		const struct aws_config_section *s = &f->sections[i];

		if (name_prefixed(&cfg->profiles, &cfg->nprofiles, "profile", s) ||
		    name_prefixed(&cfg->sso_sessions, &cfg->nsso, "sso-session",
		    s) || name_prefixed(&cfg->services, &cfg->nservices,
		    "services", s))
			continue;
		if (strcmp(s->header, "default") == 0)
			name_section(&cfg->profiles, &cfg->nprofiles, "default",
			    s);
	}
}

/* An empty configuration (no files). */
struct aws_config *
aws_config_new_empty(void)
{
	struct aws_config *cfg = hs_xcalloc(1, sizeof *cfg);

	cfg->files[0].path = hs_xstrdup("");
	cfg->files[1].path = hs_xstrdup("");
	return cfg;
}

/* Load both files; a missing file is an empty one. */
int
aws_config_load(struct aws_config **out, const char *config_path,
    const char *credentials_path, char **cause)
{
	struct aws_config *cfg = hs_xcalloc(1, sizeof *cfg);

	*out = NULL;
	if (load_one(&cfg->files[AWS_CONFIG_KIND_CONFIG], config_path,
	    cause) < 0 || load_one(&cfg->files[AWS_CONFIG_KIND_CREDENTIALS],
	    credentials_path, cause) < 0) {
		aws_config_free(cfg);
		return -1;
	}
	build_maps(cfg);
	*out = cfg;
	return 0;
}

/* Load the files the environment names. */
int
aws_config_load_env(struct aws_config **out, const struct aws_env *env,
    char **cause)
{
	char *config_path, *credentials_path;
	int rc;

	aws_config_paths(env, &config_path, &credentials_path);
	rc = aws_config_load(out, config_path, credentials_path, cause);
	free(config_path);
	free(credentials_path);
	return rc;
}

static void
named_free(struct aws_config_named *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(list[i].name);
	free(list);
}

void
aws_config_free(struct aws_config *cfg)
{
	size_t i;

	if (cfg == NULL)
		return;
	for (i = 0; i < 2; i++) {
		aws_config_file_clear(&cfg->files[i]);
		free(cfg->files[i].path);
	}
	named_free(cfg->profiles, cfg->nprofiles);
	named_free(cfg->sso_sessions, cfg->nsso);
	named_free(cfg->services, cfg->nservices);
	free(cfg);
}

/* The path a file was loaded from. */
const char *
aws_config_path(const struct aws_config *cfg, enum aws_config_kind kind)
{
	return cfg->files[kind].path;
}

/* Whether the file existed. */
bool
aws_config_found(const struct aws_config *cfg, enum aws_config_kind kind)
{
	return cfg->files[kind].found;
}

/* Find an entry of a section by key; the last one wins. */
const struct aws_config_entry *
aws_config_section_find(const struct aws_config_section *s, const char *key)
{
	size_t i;

	for (i = s->n; i > 0; i--)
		if (strcmp(s->entries[i - 1].key, key) == 0)
			return &s->entries[i - 1];
	return NULL;
}

/* Find a section of a file by header. */
const struct aws_config_section *
aws_config_file_section(const struct aws_config_file *f, const char *header)
{
	size_t i;

	for (i = f->n; i > 0; i--)
		if (strcmp(f->sections[i - 1].header, header) == 0)
			return &f->sections[i - 1];
	return NULL;
}

static const struct aws_config_section *
named(const struct aws_config_named *list, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(list[i].name, name) == 0)
			return list[i].section;
	return NULL;
}

/* The section of a profile in one file, or NULL. */
static const struct aws_config_section *
profile_section(const struct aws_config *cfg, enum aws_config_kind kind,
    const char *profile)
{
	if (kind == AWS_CONFIG_KIND_CREDENTIALS)
		return aws_config_file_section(&cfg->files[kind], profile);
	return named(cfg->profiles, cfg->nprofiles, profile);
}

/* Tell whether a profile exists in one file. */
bool
aws_config_file_has_profile(const struct aws_config *cfg,
    enum aws_config_kind kind, const char *profile)
{
	return profile_section(cfg, kind, profile) != NULL;
}

/* Tell whether a profile exists in either file. */
bool
aws_config_has_profile(const struct aws_config *cfg, const char *profile)
{
	return profile_section(cfg, AWS_CONFIG_KIND_CONFIG, profile) ||
	    profile_section(cfg, AWS_CONFIG_KIND_CREDENTIALS, profile);
}

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The names of every profile of both files, sorted, each once. */
size_t
aws_config_profile_names(const struct aws_config *cfg, const char ***names)
{
	const struct aws_config_file *cr = &cfg->files[AWS_CONFIG_KIND_CREDENTIALS];
	const char **v = hs_xcalloc(cfg->nprofiles + cr->n + 1, sizeof *v);
	size_t i, n = 0, k = 0;

	for (i = 0; i < cfg->nprofiles; i++)
		v[n++] = cfg->profiles[i].name;
	for (i = 0; i < cr->n; i++)
		v[n++] = cr->sections[i].header;
	qsort(v, n, sizeof *v, cmp_names);
	for (i = 0; i < n; i++)
		if (k == 0 || strcmp(v[k - 1], v[i]) != 0)
			v[k++] = v[i];
	v[k] = NULL;
	*names = v;
	return k;
}

/* Fill an origin from a file, section and entry. */
static void
set_origin(struct aws_config_origin *o, const struct aws_config_file *f,
    const struct aws_config_section *s, const struct aws_config_entry *e)
{
	if (o == NULL)
		return;
	o->file = f->path;
	o->section = s->header;
	o->line = e->line;
}

/* The entry of a profile's key in one file, or NULL. */
static const struct aws_config_entry *
file_entry(const struct aws_config *cfg, enum aws_config_kind kind,
    const char *profile, const char *key, struct aws_config_origin *o)
{
	const struct aws_config_section *s = profile_section(cfg, kind,
	    profile);
	const struct aws_config_entry *e = s ? aws_config_section_find(s, key) :
	    NULL;

	if (e != NULL)
		set_origin(o, &cfg->files[kind], s, e);
	return e;
}

/* The entry of a profile's key, credentials file first. */
static const struct aws_config_entry *
merged_entry(const struct aws_config *cfg, const char *profile,
    const char *key, struct aws_config_origin *o)
{
	const struct aws_config_entry *e = file_entry(cfg,
	    AWS_CONFIG_KIND_CREDENTIALS, profile, key, o);

	return e ? e : file_entry(cfg, AWS_CONFIG_KIND_CONFIG, profile, key, o);
}

/* A profile's value for key, credentials file first. */
const char *
aws_config_get(const struct aws_config *cfg, const char *profile,
    const char *key, struct aws_config_origin *origin)
{
	const struct aws_config_entry *e = merged_entry(cfg, profile, key,
	    origin);

	return e ? e->value : NULL;
}

/* Find a key in an entry's sub-section; the last one wins. */
static const struct aws_config_entry *
sub_find(const struct aws_config_entry *e, const char *key)
{
	size_t i;

	for (i = e ? e->nsub : 0; i > 0; i--)
		if (strcmp(e->sub[i - 1].key, key) == 0)
			return &e->sub[i - 1];
	return NULL;
}

/* A key of a profile's sub-section. */
const char *
aws_config_get_sub(const struct aws_config *cfg, const char *profile,
    const char *section, const char *key, struct aws_config_origin *origin)
{
	struct aws_config_origin o;
	const struct aws_config_entry *e = merged_entry(cfg, profile, section,
	    &o), *sub = sub_find(e, key);

	if (sub == NULL || e->value != NULL)
		return NULL;
	if (origin != NULL) {
		*origin = o;
		origin->line = sub->line;
	}
	return sub->value;
}

/* A profile's value in one file only. */
const char *
aws_config_file_get(const struct aws_config *cfg, enum aws_config_kind kind,
    const char *profile, const char *key, struct aws_config_origin *origin)
{
	const struct aws_config_entry *e = file_entry(cfg, kind, profile, key,
	    origin);

	return e ? e->value : NULL;
}

/* Tell whether [sso-session NAME] exists. */
bool
aws_config_has_sso_session(const struct aws_config *cfg, const char *name)
{
	return named(cfg->sso_sessions, cfg->nsso, name) != NULL;
}

/* A key of [sso-session NAME]. */
const char *
aws_config_sso_session_get(const struct aws_config *cfg, const char *name,
    const char *key, struct aws_config_origin *origin)
{
	const struct aws_config_section *s = named(cfg->sso_sessions,
	    cfg->nsso, name);
	const struct aws_config_entry *e = s ? aws_config_section_find(s, key) :
	    NULL;

	if (e == NULL)
		return NULL;
	set_origin(origin, &cfg->files[AWS_CONFIG_KIND_CONFIG], s, e);
	return e->value;
}

/* Tell whether [services NAME] exists. */
bool
aws_config_has_services(const struct aws_config *cfg, const char *name)
{
	return named(cfg->services, cfg->nservices, name) != NULL;
}

/* A key of a service's sub-section in [services NAME]. */
const char *
aws_config_services_get(const struct aws_config *cfg, const char *name,
    const char *service, const char *key, struct aws_config_origin *origin)
{
	const struct aws_config_section *s = named(cfg->services,
	    cfg->nservices, name);
	const struct aws_config_entry *e = s ? aws_config_section_find(s,
	    service) : NULL, *sub = sub_find(e, key);

	if (sub == NULL || e->value != NULL)
		return NULL;
	set_origin(origin, &cfg->files[AWS_CONFIG_KIND_CONFIG], s, sub);
	return sub->value;
}
