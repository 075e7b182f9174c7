/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-opml"

#include "config.h"

#include <string.h>

#include "tp-opml.h"

/* Auxiliary methods */

static GPtrArray *
parse_fixture (const char  *name,
               guint       *skipped,
               GError     **error)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "feeds", name, NULL);
  g_autofree char *contents = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  return tp_opml_parse ((const guint8 *) contents, len, skipped, error);
}

static TpOpmlOutline *
outline (GPtrArray *outlines,
         guint      i)
{
  g_assert_cmpuint (i, <, outlines->len);
  return g_ptr_array_index (outlines, i);
}

/* Tests */

static void
test_import (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) outlines = NULL;
  guint skipped = 0;

  outlines = parse_fixture ("subscriptions.opml", &skipped, &error);
  g_assert_no_error (error);
  /* nested folders are walked; the duplicate is kept once; file:// is skipped */
  g_assert_cmpuint (outlines->len, ==, 3);
  g_assert_cmpuint (skipped, ==, 1);
  g_assert_cmpstr (outline (outlines, 0)->url, ==, "https://news.example.org/world/rss.xml");
  g_assert_cmpstr (outline (outlines, 0)->title, ==, "Sample World News");
  g_assert_cmpstr (outline (outlines, 0)->html_url, ==, "https://news.example.org/world/");
  /* title wins over text */
  g_assert_cmpstr (outline (outlines, 1)->title, ==, "Sample Atom Desk");
  g_assert_null (outline (outlines, 1)->html_url);
  g_assert_cmpstr (outline (outlines, 2)->title, ==, "Sample & JSON");
}

static void
test_round_trip (void)
{
  g_autoptr(GPtrArray) outlines = g_ptr_array_new_with_free_func ((GDestroyNotify) tp_opml_outline_free);
  g_autoptr(GPtrArray) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_ptr_array_add (outlines, tp_opml_outline_new ("https://a.example.org/rss?x=1&y=2",
                                                  "Quotes \"and\" <tags> & ampersands", NULL));
  g_ptr_array_add (outlines, tp_opml_outline_new ("http://b.example.org/feed", NULL,
                                                  "http://b.example.org/"));
  g_ptr_array_add (outlines, tp_opml_outline_new ("https://c.example.org/atom", "Tiếng Việt", NULL));

  text = tp_opml_write (outlines, "Sample <export>");
  g_assert_nonnull (strstr (text, "<opml version=\"2.0\">"));
  g_assert_nonnull (strstr (text, "Sample &lt;export&gt;"));

  back = tp_opml_parse ((const guint8 *) text, strlen (text), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (back->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpstr (outline (back, i)->url, ==, outline (outlines, i)->url);
  g_assert_cmpstr (outline (back, 0)->title, ==, "Quotes \"and\" <tags> & ampersands");
  /* an outline without a title is written with its address as text */
  g_assert_cmpstr (outline (back, 1)->title, ==, "http://b.example.org/feed");
  g_assert_cmpstr (outline (back, 1)->html_url, ==, "http://b.example.org/");
  g_assert_cmpstr (outline (back, 2)->title, ==, "Tiếng Việt");
}

static void
test_empty_export (void)
{
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  g_autoptr(GPtrArray) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = tp_opml_write (none, NULL);

  back = tp_opml_parse ((const guint8 *) text, strlen (text), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (back->len, ==, 0);
}

static void
test_unsafe (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) outlines = parse_fixture ("unsafe.opml", NULL, &error);

  g_assert_null (outlines);
  g_assert_error (error, TP_OPML_ERROR, TP_OPML_ERROR_MALFORMED);
  g_assert_nonnull (strstr (error->message, "entity"));
}

static void
test_not_opml (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) outlines = parse_fixture ("sample-rss2.xml", NULL, &error);
  g_autoptr(GPtrArray) empty = NULL;

  g_assert_null (outlines);
  g_assert_error (error, TP_OPML_ERROR, TP_OPML_ERROR_NOT_OPML);
  g_clear_error (&error);

  empty = tp_opml_parse ((const guint8 *) "", 0, NULL, &error);
  g_assert_null (empty);
  g_assert_error (error, TP_OPML_ERROR, TP_OPML_ERROR_MALFORMED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/opml/import", test_import);
  g_test_add_func ("/opml/round-trip", test_round_trip);
  g_test_add_func ("/opml/empty-export", test_empty_export);
  g_test_add_func ("/opml/unsafe", test_unsafe);
  g_test_add_func ("/opml/not-opml", test_not_opml);

  return g_test_run ();
}
