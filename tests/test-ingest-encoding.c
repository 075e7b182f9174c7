/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-ingest-encoding"

#include "config.h"

#include <string.h>

#include "tp-source.h"

/* Texts written for Triptych; the legacy encodings are produced from them
 * at test time with g_convert(). */
static const char vietnamese[] =
  "Bài mẫu viết cho Triptych. Người phát ngôn Điện Kremlin Dmitry Peskov cho biết "
  "Nga sẵn sàng đàm phán, nhưng sẽ không từ bỏ các mục tiêu của chiến dịch quân sự đặc biệt.\n"
  "Ông Peskov nói thêm rằng Moskva đã nhận được đề xuất của Mỹ và đang xem xét kỹ lưỡng "
  "những điều khoản về lệnh ngừng bắn, trao đổi tù binh và bảo đảm an ninh.\n";

static const char french[] =
  "Exemple rédigé pour Triptych. Le porte-parole du Kremlin a déclaré vendredi que la Russie "
  "était prête à négocier, mais que les conditions devaient refléter la réalité du terrain. "
  "À Kyiv, le président a répondu qu'il n'accepterait aucune cession de territoire, même "
  "temporaire, et a salué l'aide militaire de ses partenaires européens.\n";

static const char russian[] =
  "Пример статьи, написанный для Triptych. Пресс-секретарь Кремля Дмитрий Песков заявил в "
  "пятницу, что Москва по-прежнему открыта для переговоров, но любые договорённости должны "
  "учитывать реальное положение дел на земле. Он также сказал, что решение о встрече "
  "президентов пока не принято и что говорить об этом было бы преждевременно.\n";

static const char ukrainian[] =
  "Приклад статті, написаний для Triptych. Президент України Володимир Зеленський заявив, "
  "що Київ не погодиться на умови, які передбачають відмову від територій, і що військова "
  "допомога від партнерів залишається вкрай важливою для оборони країни.\n";

/* Auxiliary methods */

static GBytes *
encode (const char *text,
        const char *charset)
{
  g_autoptr(GError) error = NULL;
  gsize written = 0;
  char *data = g_convert (text, -1, charset, "UTF-8", NULL, &written, &error);

  g_assert_no_error (error);
  return g_bytes_new_take (data, written);
}

static GBytes *
with_prefix (const char *prefix,
             gsize       prefix_len,
             GBytes     *bytes)
{
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);
  char *joined = g_malloc (prefix_len + len);

  memcpy (joined, prefix, prefix_len);
  memcpy (joined + prefix_len, data, len);
  return g_bytes_new_take (joined, prefix_len + len);
}

static TpArticle *
load (GBytes      *bytes,
      const char  *content_type,
      const char  *charset,
      GError     **error)
{
  return tp_source_load_bytes (bytes, content_type, charset, NULL, TP_ORIGIN_FILE, error);
}

static char *
expected_body (const char *text)
{
  g_autofree char *nfc = g_utf8_normalize (text, -1, G_NORMALIZE_NFC);

  return g_strstrip (g_strdup (nfc));
}

static void
assert_reads_as (GBytes     *bytes,
                 const char *content_type,
                 const char *charset,
                 const char *text,
                 const char *language)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TpArticle) article = load (bytes, content_type, charset, &error);
  g_autofree char *want = expected_body (text);

  g_assert_no_error (error);
  g_assert_nonnull (article);
  g_assert_cmpstr (article->body, ==, want);
  if (language != NULL)
    g_assert_cmpstr (article->language, ==, language);
}

/* Tests */

static void
test_utf8 (void)
{
  g_autoptr(GBytes) plain = g_bytes_new_static (vietnamese, strlen (vietnamese));
  g_autoptr(GBytes) bom = with_prefix ("\xef\xbb\xbf", 3, plain);

  assert_reads_as (plain, NULL, NULL, vietnamese, "vi");
  assert_reads_as (bom, NULL, NULL, vietnamese, "vi");
}

static void
test_utf16 (void)
{
  g_autoptr(GBytes) le = encode (vietnamese, "UTF-16LE");
  g_autoptr(GBytes) be = encode (vietnamese, "UTF-16BE");
  g_autoptr(GBytes) le_bom = with_prefix ("\xff\xfe", 2, le);
  g_autoptr(GBytes) be_bom = with_prefix ("\xfe\xff", 2, be);

  assert_reads_as (le_bom, NULL, NULL, vietnamese, "vi");
  assert_reads_as (be_bom, NULL, NULL, vietnamese, "vi");
  /* Without a BOM, a declaration is needed. */
  assert_reads_as (le, "text/plain", "utf-16le", vietnamese, "vi");
}

static void
test_nfd_to_nfc (void)
{
  g_autofree char *nfd = g_utf8_normalize (vietnamese, -1, G_NORMALIZE_NFD);
  g_autoptr(GBytes) bytes = g_bytes_new (nfd, strlen (nfd));
  g_autoptr(GError) error = NULL;
  g_autoptr(TpArticle) article = load (bytes, NULL, NULL, &error);
  g_autofree char *want = expected_body (vietnamese);

  g_assert_cmpstr (nfd, !=, vietnamese);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (article->body, "Điện Kremlin"));
  g_assert_cmpstr (article->body, ==, want);
}

static void
test_windows_1258 (void)
{
  g_autoptr(GBytes) bytes = encode (vietnamese, "WINDOWS-1258");

  g_assert_false (g_utf8_validate (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL));
  /* Detected, tone marks recomposed. */
  assert_reads_as (bytes, NULL, NULL, vietnamese, "vi");
}

static void
test_windows_1252 (void)
{
  g_autoptr(GBytes) bytes = encode (french, "WINDOWS-1252");

  assert_reads_as (bytes, NULL, NULL, french, "fr");
}

static void
test_cyrillic (void)
{
  g_autoptr(GBytes) cp1251 = encode (russian, "WINDOWS-1251");
  g_autoptr(GBytes) koi8r = encode (russian, "KOI8-R");
  g_autoptr(GBytes) uk1251 = encode (ukrainian, "WINDOWS-1251");
  g_autoptr(GBytes) koi8u = encode (ukrainian, "KOI8-U");

  assert_reads_as (cp1251, NULL, NULL, russian, "ru");
  assert_reads_as (koi8r, NULL, NULL, russian, "ru");
  assert_reads_as (uk1251, NULL, NULL, ukrainian, "uk");
  assert_reads_as (koi8u, NULL, NULL, ukrainian, "uk");
}

static void
test_declared_charset (void)
{
  g_autoptr(GBytes) koi8r = encode (russian, "KOI8-R");
  g_autoptr(GBytes) iso5 = encode (russian, "ISO-8859-5");
  g_autoptr(GBytes) utf8 = g_bytes_new_static (french, strlen (french));

  /* A declaration is followed, as a parameter or in the content type... */
  assert_reads_as (koi8r, "text/plain", "koi8-r", russian, "ru");
  /* (ISO-8859-5 is never guessed: only a declaration gets it right.) */
  assert_reads_as (iso5, "text/plain; charset=\"ISO-8859-5\"", NULL, russian, "ru");
  /* ...unless the bytes are valid UTF-8, which wrong declarations are. */
  assert_reads_as (utf8, "text/plain", "iso-8859-1", french, "fr");
}

static void
test_declared_ucs4 (void)
{
  g_autoptr(GString) text = g_string_new (russian);
  g_autoptr(GBytes) cp1251 = NULL;

  /* iconv reads any four bytes as UCS-4LE and writes the values past
   * U+10FFFF as sequences that are not UTF-8: such a declaration is wrong,
   * and the bytes are read as if undeclared. (One byte a character in
   * windows-1251, so that many bytes convert.) */
  while (g_utf8_strlen (text->str, -1) % 4 != 0)
    g_string_append_c (text, ' ');
  cp1251 = encode (text->str, "WINDOWS-1251");
  assert_reads_as (cp1251, "text/plain", "ucs-4le", russian, "ru");
}

static void
test_html_meta_charset (void)
{
  g_autofree char *page = g_strdup_printf ("<html><head><meta http-equiv=\"Content-Type\" "
                                           "content=\"text/html; charset=windows-1251\">"
                                           "<title>Пример</title></head><body><p>%s</p>"
                                           "</body></html>", russian);
  g_autoptr(GBytes) bytes = encode (page, "WINDOWS-1251");
  g_autoptr(GError) error = NULL;
  g_autoptr(TpArticle) article = load (bytes, "text/html", NULL, &error);
  g_autofree char *want = expected_body (russian);

  g_assert_no_error (error);
  g_assert_cmpstr (article->body, ==, want);
  g_assert_cmpstr (article->title, ==, "Пример");
  g_assert_cmpstr (article->language, ==, "ru");
}

static void
test_damaged_utf8 (void)
{
  GString *damaged = g_string_new (vietnamese);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TpArticle) article = NULL;

  /* Cut multibyte sequences in half and add stray bytes. */
  g_string_insert_len (damaged, 40, "\xe1\xbb", 2);
  g_string_insert_len (damaged, 100, "\xff\xfe", 2);
  g_string_append_len (damaged, "\xc3", 1);
  bytes = g_string_free_to_bytes (damaged);

  article = load (bytes, NULL, NULL, &error);
  g_assert_error (error, TP_INGEST_ERROR, TP_INGEST_ERROR_ENCODING);
  g_assert_null (article);
}

static void
test_undecodable (void)
{
  GString *junk = g_string_new (NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TpArticle) article = NULL;
  guint32 seed = 42;

  /* High bytes at random among ASCII letters: no charset makes words of
   * them. */
  for (guint i = 0; i < 3000; i++)
    {
      seed = seed * 1103515245 + 12345;
      if (i % 3 == 0)
        g_string_append_c (junk, (char) (0x80 + ((seed >> 16) % 0x80)));
      else if (i % 7 == 0)
        g_string_append_c (junk, ' ');
      else
        g_string_append_c (junk, (char) ('a' + ((seed >> 16) % 26)));
    }
  bytes = g_string_free_to_bytes (junk);

  article = load (bytes, NULL, NULL, &error);
  g_assert_error (error, TP_INGEST_ERROR, TP_INGEST_ERROR_ENCODING);
  g_assert_null (article);
}

static void
test_invalid_utf8_bom (void)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static ("\xef\xbb\xbfNga v\xe0 Ukraine \xff\xfe.", 20);
  g_autoptr(GError) error = NULL;
  g_autoptr(TpArticle) article = load (bytes, NULL, NULL, &error);

  g_assert_error (error, TP_INGEST_ERROR, TP_INGEST_ERROR_ENCODING);
  g_assert_null (article);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ingest/encoding/utf8", test_utf8);
  g_test_add_func ("/ingest/encoding/utf16", test_utf16);
  g_test_add_func ("/ingest/encoding/nfd-to-nfc", test_nfd_to_nfc);
  g_test_add_func ("/ingest/encoding/windows-1258", test_windows_1258);
  g_test_add_func ("/ingest/encoding/windows-1252", test_windows_1252);
  g_test_add_func ("/ingest/encoding/cyrillic", test_cyrillic);
  g_test_add_func ("/ingest/encoding/declared", test_declared_charset);
  g_test_add_func ("/ingest/encoding/html-meta", test_html_meta_charset);
  g_test_add_func ("/ingest/encoding/bad/declared-ucs4", test_declared_ucs4);
  g_test_add_func ("/ingest/encoding/bad/damaged-utf8", test_damaged_utf8);
  g_test_add_func ("/ingest/encoding/bad/undecodable", test_undecodable);
  g_test_add_func ("/ingest/encoding/bad/invalid-after-bom", test_invalid_utf8_bom);

  return g_test_run ();
}
