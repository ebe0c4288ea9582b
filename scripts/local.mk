# scripts/: runbooks (*.hsh) and what they use, installed to
# $(pkgdatadir)/scripts, so that an installed hipaa-shell can replay them:
#   cd $(pkgdatadir) && hipaa-shell --sandbox --batch scripts/NAME.hsh
# blog-walkthrough.hsh replays the AWS blog's HIPAA setup on the sandbox
# (the README's main job); its Lambda function and a synthetic record
# are in scripts/blog/.
hs_scriptsdir = $(pkgdatadir)/scripts
dist_hs_scripts_DATA = scripts/blog-walkthrough.hsh
hs_scripts_blogdir = $(pkgdatadir)/scripts/blog
dist_hs_scripts_blog_DATA = scripts/blog/index.js scripts/blog/test-001.phi

# Integration scripts (t0700-t0719): the walkthrough as the README runs
# it, hipaa-shell --sandbox itself, and the profile's region.
hs_walkthrough_tests = \
	tests/t0700-blog-walkthrough.sh \
	tests/t0710-shell-sandbox.sh \
	tests/t0715-profile-region.sh
TESTS += $(hs_walkthrough_tests)
EXTRA_DIST += $(hs_walkthrough_tests)
