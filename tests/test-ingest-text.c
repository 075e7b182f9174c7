/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-ingest-text"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "tp-source.h"

#define VI_TITLE "Điện Kremlin nói Moskva vẫn để ngỏ khả năng đàm phán với Kiev"

/* Auxiliary methods */

static TpArticle *
load_fixture (const char  *name,
              GError     **error)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "ingest", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return tp_source_load_file (file, NULL, error);
}

static TpArticle *
load_string (const char  *text,
             GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));

  return tp_source_load_bytes (bytes, "text/plain", NULL, NULL, TP_ORIGIN_PASTE, error);
}

static guint
count_paragraphs (const char *body)
{
  guint n = 1;

  for (const char *p = body; *p; p++)
    n += *p == '\n';
  return n;
}

static gboolean
has_caption (TpArticle  *article,
             const char *needle)
{
  for (guint i = 0; i < article->captions->len; i++)
    if (strstr (g_ptr_array_index (article->captions, i), needle) != NULL)
      return TRUE;
  return FALSE;
}

static char *
make_tmp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("triptych-ingest-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
remove_tmp (const char *dir,
            const char *file)
{
  g_remove (file);
  g_rmdir (dir);
}

/* Tests */

static void
test_vietnamese (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TpArticle) article = load_fixture ("vi-article.txt", &error);

  g_assert_no_error (error);
  g_assert_nonnull (article);
  g_assert_cmpstr (article->title, ==, VI_TITLE);
  g_assert_cmpstr (article->outlet, ==, "Dân trí");
  g_assert_cmpstr (article->language, ==, "vi");
  g_assert_cmpstr (article->author, ==, "Reuters");
  g_assert_cmpstr (article->published, ==, "2024-03-12");
  g_assert_null (strstr (article->body, "GMT"));
  g_assert_cmpint (article->origin, ==, TP_ORIGIN_FILE);
  g_assert_nonnull (article->source_path);
  g_assert_true (g_str_has_suffix (article->source_path, "vi-article.txt"));

  /* The outlet prefix, the title and the source line are not body text. */
  g_assert_true (g_str_has_prefix (article->body, "Bài mẫu viết cho Triptych: người phát ngôn"));
  g_assert_null (strstr (article->body, "(Dân trí)"));
  g_assert_null (strstr (article->body, "Theo Reuters"));
  g_assert_null (strstr (article->body, "Điện Kremlin nói Moskva vẫn"));

  /* Captions: framed by |, a (Ảnh: X) line, and one glued to a paragraph. */
  g_assert_cmpuint (article->captions->len, ==, 3);
  g_assert_true (has_caption (article, "Ông Dmitry Peskov phát biểu tại một cuộc họp báo "
                                       "ở Moskva. Ảnh: TASS."));
  g_assert_true (has_caption (article, "(Ảnh: Reuters)"));
  g_assert_true (has_caption (article, "Binh sĩ Ukraine trên tiền tuyến ở Donetsk. Ảnh: AFP."));
  g_assert_null (strstr (article->body, "Ảnh:"));
  g_assert_null (strstr (article->body, "|"));
  g_assert_null (strstr (article->body, "Binh sĩ Ukraine trên tiền tuyến"));

  /* The rest of the paragraph the caption was glued to stays, joined. */
  g_assert_nonnull (strstr (article->body,
                            "nhượng bộ lãnh thổ. Người phát ngôn Bộ Ngoại giao Ukraine"));
  /* "Theo ông X, ..." is reported speech, not a source line. */
  g_assert_nonnull (strstr (article->body, "\nTheo ông Peskov, Tổng thống Vladimir Putin"));
  g_assert_cmpuint (count_paragraphs (article->body), ==, 4);
  g_assert_cmpuint (strlen (article->content_hash), ==, 64);
}

static void
test_outlet_at_end (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TpArticle) article = load_fixture ("vi-outlet-end.txt", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (article->outlet, ==, "VTC News");
  g_assert_null (article->title);
  g_assert_null (strstr (article->body, "VTC"));
  g_assert_true (g_str_has_suffix (article->body, "bắt đầu bằng việc rút quân."));
  /* blank-line separated paragraphs */
  g_assert_cmpuint (count_paragraphs (article->body), ==, 3);
}

static void
test_english (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TpArticle) article = load_fixture ("en-article.txt", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (article->title, ==, "Kremlin says it is open to talks but sets conditions");
  g_assert_cmpstr (article->outlet, ==, "Reuters");
  g_assert_cmpstr (article->author, ==, "Jane Doe");
  g_assert_cmpstr (article->published, ==, "2023-11-03");
  g_assert_null (strstr (article->body, "GMT"));
  g_assert_cmpstr (article->language, ==, "en");
  g_assert_true (g_str_has_prefix (article->body,
                                   "This is a sample article written for Triptych."));
  g_assert_null (strstr (article->body, "By Jane Doe"));
  g_assert_null (strstr (article->body, "Reporting by"));
  g_assert_null (strstr (article->body, "REUTERS/"));
  g_assert_null (strstr (article->body, "Photo:"));
  g_assert_null (strstr (article->body, "Bakhmut"));
  g_assert_cmpuint (article->captions->len, ==, 3);
  g_assert_true (has_caption (article, "(Photo: Reuters)"));
  g_assert_true (has_caption (article, "REUTERS/Maxim Shemetov"));
  g_assert_nonnull (strstr (article->body, "for a ceasefire. He added that Western military aid"));
  g_assert_cmpuint (count_paragraphs (article->body), ==, 4);
}

static void
test_seed_style_frame (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TpArticle) article = NULL;

  /* A caption framed by lines of "|", then a quote as the first line. */
  article = load_string ("|\n"
                         "Ông Putin tại Điện Kremlin. Ảnh: Sputnik. |\n"
                         "\"Chúng tôi sẵn sàng đàm phán\", ông Putin nói trong một bài mẫu "
                         "viết cho Triptych.\n"
                         "Ông nói thêm rằng Nga sẽ không từ bỏ các mục tiêu.\n",
                         &error);
  g_assert_no_error (error);
  g_assert_null (article->title);
  g_assert_cmpuint (article->captions->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (article->captions, 0), ==,
                   "Ông Putin tại Điện Kremlin. Ảnh: Sputnik.");
  g_assert_true (g_str_has_prefix (article->body, "\"Chúng tôi sẵn sàng đàm phán\""));
  g_assert_cmpuint (count_paragraphs (article->body), ==, 2);
}

static void
test_source_credit (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TpArticle) article = NULL;

  /* A source credit glued to a paragraph takes only itself away. */
  article = load_string ("Nga đã phóng 50 tên lửa trong đêm, theo Không quân Ukraine, "
                         "trong một bài mẫu cho Triptych. Nguồn: Kyiv Independent.\n"
                         "Nguồn: Bộ Quốc phòng Nga\n",
                         &error);
  g_assert_no_error (error);
  g_assert_cmpstr (article->body, ==,
                   "Nga đã phóng 50 tên lửa trong đêm, theo Không quân Ukraine, "
                   "trong một bài mẫu cho Triptych.");
  g_assert_cmpuint (article->captions->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (article->captions, 0), ==, "Nguồn: Kyiv Independent.");
  g_assert_cmpstr (g_ptr_array_index (article->captions, 1), ==, "Nguồn: Bộ Quốc phòng Nga");
}

static void
test_datelines (void)
{
  static const struct { const char *text; const char *outlet; const char *start; } cases[] = {
    { "MOSCOW (Reuters) - Russia said on Monday, in a sample for Triptych, that it would respond.",
      "Reuters", "Russia said on Monday" },
    { "WASHINGTON, Nov. 3 (AP) — The Pentagon said, in a sample for Triptych, that aid goes on.",
      "AP", "The Pentagon said" },
    { "TTO - Sáng 3/11, trong một bài mẫu cho Triptych, Bộ Ngoại giao Nga cho biết sẽ đáp trả.",
      "TTO", "Sáng 3/11" },
    { "(VTC News) - Bài mẫu viết cho Triptych: Nga cho biết sẽ đáp trả các lệnh trừng phạt mới.",
      "VTC News", "Bài mẫu viết cho Triptych" },
    { "VOV.VN - Bài mẫu viết cho Triptych: Điện Kremlin cho biết chưa có kế hoạch gặp thượng đỉnh.",
      "VOV.VN", "Bài mẫu viết cho Triptych" },
    { "NATO - the alliance said in a sample for Triptych - would not send troops.",
      NULL, "NATO - the alliance" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TpArticle) article = load_string (cases[i].text, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (article->outlet, ==, cases[i].outlet);
      g_assert_true (g_str_has_prefix (article->body, cases[i].start));
    }
}

static void
test_not_bylines (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TpArticle) article = NULL;

  /* Sentences that start like bylines but are article text. */
  article = load_string ("By Friday, the troops had withdrawn from the village, officials said "
                         "in a sample for Triptych.\n"
                         "Theo ông Lavrov, Nga sẵn sàng đàm phán.\n"
                         "Theo Bộ Quốc phòng Nga, các cuộc tấn công đã bị đẩy lùi.\n",
                         &error);
  g_assert_no_error (error);
  g_assert_null (article->author);
  g_assert_cmpuint (count_paragraphs (article->body), ==, 3);
  g_assert_true (g_str_has_prefix (article->body, "By Friday,"));
}

static void
test_copied_page (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TpArticle) article = NULL;

  /* As copied from a news site: date, headline, text, signature. */
  article = load_string ("Thứ năm, 4/7/2024, 10:30 (GMT+7)\n"
                         "Nga nói chưa có kế hoạch đàm phán mới\n"
                         "Bài mẫu viết cho Triptych: Điện Kremlin cho biết chưa có kế hoạch nào.\n"
                         "Ông Peskov nói thêm rằng Moskva vẫn để ngỏ khả năng đối thoại.\n"
                         "Thanh Hà\n",
                         &error);
  g_assert_no_error (error);
  g_assert_cmpstr (article->published, ==, "2024-07-04");
  g_assert_cmpstr (article->title, ==, "Nga nói chưa có kế hoạch đàm phán mới");
  g_assert_cmpstr (article->author, ==, "Thanh Hà");
  g_assert_cmpuint (count_paragraphs (article->body), ==, 2);
  g_assert_true (g_str_has_suffix (article->body, "khả năng đối thoại."));
}

static void
test_wrapped_text (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TpArticle) article = NULL;

  article = load_string ("This sample for Triptych is wrapped at seventy columns, as e-mail\n"
                         "and some wire services still do, so that one paragraph spans\n"
                         "several lines of the file.\n"
                         "\n"
                         "The second paragraph is also wrapped, and the reader has to join\n"
                         "its lines back together before the sentences can be analysed.\n",
                         &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_paragraphs (article->body), ==, 2);
  g_assert_nonnull (strstr (article->body, "as e-mail and some wire services"));
}

static void
test_date_lines (void)
{
  static const struct { const char *text; const char *date; } cases[] = {
    { "Thứ Năm, 04/07/2024 10:30 (GMT+7)", "2024-07-04" },
    { "Cập nhật: 4-7-2024", "2024-07-04" },
    { "ngày 4 tháng 7 năm 2024", "2024-07-04" },
    { "Updated November 3, 2024 4:12 PM GMT", "2024-11-03" },
    { "Nov. 3, 2024", "2024-11-03" },
    { "2024-07-04", "2024-07-04" },
    { "31/02/2024", NULL },
    { "Sáng 3/11, Bộ Ngoại giao Nga cho biết", NULL },
    { "The talks on 4/7/2024 failed", NULL },
    { "March on Washington, 2024", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strconcat (cases[i].text, "\n",
                                           "Bài mẫu viết cho Triptych: ông Peskov cho biết "
                                           "Nga sẵn sàng đàm phán.\n",
                                           NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(TpArticle) article = load_string (text, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (article->published, ==, cases[i].date);
      if (cases[i].date != NULL)
        g_assert_true (g_str_has_prefix (article->body, "Bài mẫu"));
    }
}

static void
test_whitespace (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TpArticle) article = NULL;

  /* CRLF, tabs, no-break and zero-width spaces, runs of spaces. */
  article = load_string ("\r\n  Nga\u00a0và   Ukraine\ttrao đổi\u200b tù binh, "
                         "theo một bài mẫu cho Triptych.  \r\n\r\n"
                         "Hai bên   cho biết sẽ tiếp tục.\r",
                         &error);
  g_assert_no_error (error);
  g_assert_cmpstr (article->body, ==,
                   "Nga và Ukraine trao đổi tù binh, theo một bài mẫu cho Triptych.\n"
                   "Hai bên cho biết sẽ tiếp tục.");
}

static void
test_languages (void)
{
  static const struct { const char *file; const char *lang; } cases[] = {
    { "vi-article.txt", "vi" },
    { "en-article.txt", "en" },
    { "ru-article.txt", "ru" },
    { "uk-article.txt", "uk" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TpArticle) article = load_fixture (cases[i].file, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (article->language, ==, cases[i].lang);
    }
}

/* Bad inputs */

static void
test_empty (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "empty.txt", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(TpArticle) article = NULL;

  g_assert_true (g_file_set_contents (path, "", 0, NULL));
  article = tp_source_load_file (file, NULL, &error);
  g_assert_error (error, TP_INGEST_ERROR, TP_INGEST_ERROR_EMPTY);
  g_assert_null (article);
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (path, " \n\t\r\n \u00a0 \n\n", -1, NULL));
  article = tp_source_load_file (file, NULL, &error);
  g_assert_error (error, TP_INGEST_ERROR, TP_INGEST_ERROR_EMPTY);
  g_assert_null (article);
  remove_tmp (dir, path);
}

static void
test_only_captions (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TpArticle) article = load_fixture ("only-captions.txt", &error);

  g_assert_error (error, TP_INGEST_ERROR, TP_INGEST_ERROR_NO_TEXT);
  g_assert_null (article);
}

static void
test_not_found (void)
{
  g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent/triptych/article.txt");
  g_autoptr(GError) error = NULL;
  g_autoptr(TpArticle) article = tp_source_load_file (file, NULL, &error);

  g_assert_error (error, TP_INGEST_ERROR, TP_INGEST_ERROR_NOT_FOUND);
  g_assert_null (article);
  g_assert_nonnull (strstr (error->message, "article.txt"));
}

static void
test_directory (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autoptr(GFile) file = g_file_new_for_path (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(TpArticle) article = tp_source_load_file (file, NULL, &error);

  g_assert_error (error, TP_INGEST_ERROR, TP_INGEST_ERROR_NOT_FOUND);
  g_assert_null (article);
  g_rmdir (dir);
}

static void
test_binary (void)
{
  static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0";
  static const char zip[] = "PK\x03\x04\x14\0\0\0\x08\0";
  guint8 noise[4096];
  const struct { const void *data; gsize len; } cases[] = {
    { png, sizeof png - 1 },
    { zip, sizeof zip - 1 },
    { noise, sizeof noise },
  };
  guint32 seed = 12345;

  /* Text with NUL bytes and control characters, as from a program. */
  for (guint i = 0; i < sizeof noise; i++)
    {
      seed = seed * 1103515245 + 12345;
      noise[i] = (seed >> 16) & 0xff;
    }

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (cases[i].data, cases[i].len);
      g_autoptr(GError) error = NULL;
      g_autoptr(TpArticle) article = NULL;

      article = tp_source_load_bytes (bytes, NULL, NULL, NULL, TP_ORIGIN_FILE, &error);
      g_assert_error (error, TP_INGEST_ERROR, TP_INGEST_ERROR_BINARY);
      g_assert_null (article);
    }
}

static void
test_binary_file (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "photo.txt", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(TpArticle) article = NULL;
  static const char jpeg[] = "\xff\xd8\xff\xe0\0\x10JFIF\0\x01\x01\0\0\x01\0\x01\0\0";

  g_assert_true (g_file_set_contents (path, jpeg, sizeof jpeg - 1, NULL));
  article = tp_source_load_file (file, NULL, &error);
  g_assert_error (error, TP_INGEST_ERROR, TP_INGEST_ERROR_BINARY);
  g_assert_null (article);
  remove_tmp (dir, path);
}

/* A 50 MB text file is read as one (very long) article, quickly and
 * without holding many copies of it. */
static void
test_large_file (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "large.txt", NULL);
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "data", "ingest",
                                                    "vi-article.txt", NULL);
  g_autofree char *para = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(TpArticle) article = NULL;
  const gsize target = 50 * 1024 * 1024;
  gsize written = 0, para_len;
  gint64 start;
  FILE *out;

  g_assert_true (g_file_get_contents (fixture, &para, &para_len, NULL));
  out = g_fopen (path, "wb");
  g_assert_nonnull (out);
  while (written < target)
    {
      g_assert_cmpuint (fwrite (para, 1, para_len, out), ==, para_len);
      written += para_len;
    }
  g_assert_cmpint (fclose (out), ==, 0);

  start = g_get_monotonic_time ();
  article = tp_source_load_file (file, NULL, &error);
  g_test_message ("50 MB text file read in %.2f s",
                  (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
  g_assert_no_error (error);
  g_assert_nonnull (article);
  g_assert_cmpstr (article->title, ==, VI_TITLE);
  g_assert_cmpstr (article->language, ==, "vi");
  g_assert_cmpuint (strlen (article->body), >, target / 2);
  g_assert_cmpuint (strlen (article->body), <, target);
  g_assert_true (g_utf8_validate (article->body, -1, NULL));
  g_assert_cmpuint (article->captions->len, >, 1000);

  g_clear_pointer (&article, tp_article_unref);
  remove_tmp (dir, path);
}

static void
test_too_large (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "huge.txt", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(TpArticle) article = NULL;
  FILE *out;

  /* A sparse file over the cap: refused from its size, never read. */
  out = g_fopen (path, "wb");
  g_assert_nonnull (out);
  g_assert_cmpint (fseek (out, TP_INGEST_MAX_BYTES + 10, SEEK_SET), ==, 0);
  g_assert_cmpint (fputc ('x', out), !=, EOF);
  g_assert_cmpint (fclose (out), ==, 0);

  article = tp_source_load_file (file, NULL, &error);
  g_assert_error (error, TP_INGEST_ERROR, TP_INGEST_ERROR_TOO_LARGE);
  g_assert_null (article);
  remove_tmp (dir, path);
}

static void
test_cancelled (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "ingest",
                                                 "vi-article.txt", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TpArticle) article = NULL;

  g_cancellable_cancel (cancellable);
  article = tp_source_load_file (file, cancellable, &error);
  g_assert_error (error, TP_INGEST_ERROR, TP_INGEST_ERROR_CANCELLED);
  g_assert_null (article);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ingest/text/vietnamese", test_vietnamese);
  g_test_add_func ("/ingest/text/outlet-at-end", test_outlet_at_end);
  g_test_add_func ("/ingest/text/english", test_english);
  g_test_add_func ("/ingest/text/caption-frame", test_seed_style_frame);
  g_test_add_func ("/ingest/text/source-credit", test_source_credit);
  g_test_add_func ("/ingest/text/datelines", test_datelines);
  g_test_add_func ("/ingest/text/not-bylines", test_not_bylines);
  g_test_add_func ("/ingest/text/copied-page", test_copied_page);
  g_test_add_func ("/ingest/text/wrapped", test_wrapped_text);
  g_test_add_func ("/ingest/text/date-lines", test_date_lines);
  g_test_add_func ("/ingest/text/whitespace", test_whitespace);
  g_test_add_func ("/ingest/text/languages", test_languages);
  g_test_add_func ("/ingest/text/bad/empty", test_empty);
  g_test_add_func ("/ingest/text/bad/only-captions", test_only_captions);
  g_test_add_func ("/ingest/text/bad/not-found", test_not_found);
  g_test_add_func ("/ingest/text/bad/directory", test_directory);
  g_test_add_func ("/ingest/text/bad/binary", test_binary);
  g_test_add_func ("/ingest/text/bad/binary-file", test_binary_file);
  g_test_add_func ("/ingest/text/bad/large-file", test_large_file);
  g_test_add_func ("/ingest/text/bad/too-large", test_too_large);
  g_test_add_func ("/ingest/text/bad/cancelled", test_cancelled);

  return g_test_run ();
}
