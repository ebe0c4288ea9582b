/*
 * dispatch.c: THE command table, and finding a command in it.
 *
 * Every command is listed here once, sorted by name (bytewise: "!" sorts
 * before ".", "." before letters); tests/unit/test-dispatch.c checks the
 * order. Lookup, .help, the --batch checks and completion all read this
 * table. To add a command: define `const struct hs_cmd hs_cmd_x` in its
 * own file, declare it in commands.h, and add it here in order. A
 * top-level word with sub-commands ("policy") is one entry whose
 * .subcommands lists them. Words that are not here go to the fallback
 * (dispatch-run.c).
 *
 * Unique-prefix matching is for dot commands only (".hist" finds
 * ".history"); AWS words must be exact, as in the AWS CLI.
 */
#include "hs-common.h"
#include "commands-int.h"

static const struct hs_cmd *const cmd_list[] = {
	&hs_cmd_host,
	&hs_cmd_dot_cd,
	&hs_cmd_dot_edit,
	&hs_cmd_dot_exit,
	&hs_cmd_dot_help,
	&hs_cmd_dot_history,
	&hs_cmd_dot_profile,
	&hs_cmd_dot_quit,
	&hs_cmd_dot_region,
	&hs_cmd_dot_set,
	&hs_cmd_dot_source,
	&hs_cmd_dot_unset,
	&hs_cmd_dot_vars,
	&hs_cmd_dot_words,
	&hs_cmd_policy,
};

const struct hs_cmd_table hs_cmd_table = { cmd_list, HS_ARRAY_SIZE(cmd_list) };

/* Find the entry named word, or with word as alias. */
static const struct hs_cmd *
find_exact(const struct hs_cmd_table *t, const char *word)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		if (strcmp(t->cmds[i]->name, word) == 0 ||
		    (t->cmds[i]->alias && strcmp(t->cmds[i]->alias, word) == 0))
			return t->cmds[i];
	return NULL;
}

/* Find a command by exact name or alias, or a dot command by prefix. */
enum hs_lookup
hs_cmd_lookup(const struct hs_cmd_table *t, const char *word,
    const struct hs_cmd **found, struct hs_strlist *cands)
{
	size_t i, matches = 0, first = cands ? cands->n : 0;

	*found = find_exact(t, word);
	if (*found != NULL)
		return HS_LOOKUP_FOUND;
	if (word[0] != '.')
		return HS_LOOKUP_UNKNOWN;
	for (i = 0; i < t->n; i++) {
		if (!hs_starts_with(t->cmds[i]->name, word))
			continue;
		matches++;
		*found = t->cmds[i];
		if (cands != NULL)
			hs_strlist_add(cands, t->cmds[i]->name);
	}
	if (matches == 1) {
		while (cands != NULL && cands->n > first) {
			free(cands->v[--cands->n]);
			cands->v[cands->n] = NULL;
		}
		return HS_LOOKUP_FOUND;
	}
	*found = NULL;
	return matches == 0 ? HS_LOOKUP_UNKNOWN : HS_LOOKUP_AMBIGUOUS;
}

/* How far word is from name; a word without the dot matches ".name". */
static size_t
name_distance(const char *word, const char *name)
{
	size_t d = hs_edit_distance(word, name);

	if (word[0] != '.' && name[0] == '.') {
		size_t d2 = hs_edit_distance(word, name + 1);

		if (strlen(word) >= 2 && hs_starts_with(name + 1, word))
			d2 = 1;
		if (d2 < d)
			d = d2;
	}
	return d;
}

/* The largest distance still worth suggesting for word. */
static size_t
max_distance(const char *word)
{
	size_t len = strlen(word) - (word[0] == '.');

	return len <= 3 ? 1 : len < 6 ? 2 : 3;
}

/* Consider one name as a suggestion; keep only the closest ones. */
static void
suggest_one(const char *word, const char *name, size_t *best,
    struct hs_strlist *out)
{
	size_t d = name_distance(word, name);

	if (d > max_distance(word) || d > *best)
		return;
	if (d < *best) {
		while (out->n > 0)
			hs_strlist_shift(out);
		*best = d;
	}
	hs_strlist_add(out, name);
}

/* Add the names closest to word to out, for "did you mean". */
void
hs_cmd_suggest(const struct hs_cmd_table *t, const char *word,
    struct hs_strlist *out)
{
	size_t i, best = (size_t)-1;

	for (i = 0; i < t->n; i++) {
		suggest_one(word, t->cmds[i]->name, &best, out);
		if (t->cmds[i]->alias != NULL &&
		    strcmp(t->cmds[i]->alias, t->cmds[i]->name + 1) != 0)
			suggest_one(word, t->cmds[i]->alias, &best, out);
	}
}

/* Find a sub-command of a group by exact name. */
const struct hs_cmd *
hs_cmd_find_sub(const struct hs_cmd *group, const char *word)
{
	const struct hs_cmd *const *sub;

	for (sub = group->subcommands; *sub != NULL; sub++)
		if (strcmp((*sub)->name, word) == 0)
			return *sub;
	return NULL;
}
