package io.intake.patterns;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenMaskerTest {

  private final TokenMasker masker = new TokenMasker();

  private String mask(String message) {
    return String.join(" ", masker.mask(message));
  }

  @Test
  void numbers_ids_addresses_and_hex() {
    assertThat(mask("Receiving block blk_-1608999687919862906 src: /10.250.19.102:54106 dest: /10.250.19.102:50010"))
        .isEqualTo("Receiving block blk_<*> src: /<*> dest: /<*>");
    assertThat(mask("Expiring session 0x14ed93111f20020, timeout of 10000ms exceeded"))
        .isEqualTo("Expiring session <*>, timeout of <*> exceeded");
    assertThat(mask("instance 3edec1e4-9678-4a3a-a21b-a145a4ee5e61 took 0.26 seconds on v6.1.7601"))
        .isEqualTo("instance <*> took <*> seconds on <*>"); // a unit word is constant text
    assertThat(mask("reverse mapping checking getaddrinfo for ns.marryaldkfaczcz.com [173.234.31.186] failed"))
        .isEqualTo("reverse mapping checking getaddrinfo for <*> [<*>] failed");
  }

  @Test
  void key_values_paths_urls_and_quotes() {
    assertThat(mask("authentication failure; logname= uid=0 euid=0 tty=NODEVssh ruser= rhost=csnsu.nsuok.edu user=root"))
        .isEqualTo("authentication failure; logname= uid=<*> euid=<*> tty=NODEVssh ruser= rhost=<*> user=root");
    assertThat(mask("removing device node '/udev/vcsa2' from spark://10.0.0.1:7077 and C:\\Windows\\x.dll"))
        .isEqualTo("removing device node '<*>' from <*> and <*>");
    assertThat(mask("Request (GET) took 12 ms")).isEqualTo("Request (GET) took <*> ms");
    assertThat(mask("pool reset by LOCAL(0), SQLSTATE(08006)"))
        .isEqualTo("pool reset by LOCAL(<*>), SQLSTATE(<*>)"); // the name stays, its bracket closes
  }

  @Test
  void fixed_names_and_punctuation_around_a_value_stay() {
    assertThat(mask("RSA SHA256:GP8W0oTEQyFtuLLhndBc1GK/daHP0ccvW20UWUnl7XB")).isEqualTo("RSA SHA256:<*>");
    assertThat(mask("total-vm:45kB, anon-rss:86kB")).isEqualTo("total-vm:<*>, anon-rss:<*>");
    assertThat(mask("HikariPool-74110 - Connection")).isEqualTo("HikariPool-<*> - Connection");
    assertThat(mask("Retrying (Retry(total=80, connect=None")).isEqualTo("Retrying (Retry(total=<*>, connect=None");
    assertThat(mask("Task app.tasks.resize[c7824510-36bc-33b3] done")).isEqualTo("Task <*>[<*>] done");
    assertThat(mask("wrote 91 buffers (43.9%); empty #41")).isEqualTo("wrote <*> buffers (<*>%); empty #<*>");
    assertThat(mask("disconnect from 1.2.3.4: 11: Bye")).isEqualTo("disconnect from <*>: <*>: Bye"); // two fields
    // Host names and ports, host names with digits, dashed names: masked whole as before.
    assertThat(mask("to api.example.net:8080 from node-17.cluster.local by pool-1-thread-3"))
        .isEqualTo("to <*> from <*> by <*>");
    assertThat(mask("<info>  [940.691] device")).isEqualTo("<info> [<*>] device"); // alignment, not an empty value
  }

  @Test
  void user_names_dates_and_empty_values() {
    assertThat(mask("session opened for user cyrus by (uid=0)")).isEqualTo("session opened for user <*> by (uid=<*>)");
    assertThat(mask("connection from 24.54.76.216 (24-54-76-216.bflony.adelphia.net) at Fri Jun 17 20:55:07 2005"))
        .isEqualTo("connection from <*> (<*>) at <*>");
    assertThat(mask("connection from 84.102.20.2 () at Sun Jul  3 23:01:10 2005"))
        .isEqualTo("connection from <*> (<*>) at <*>");
    assertThat(mask("Invalid user  0101 from 5.188.10.180")).isEqualTo(mask("Invalid user admin from 5.188.10.180"));
  }

  @Test
  void lists_and_restated_quantities_do_not_change_the_length() {
    assertThat(mask("ask 10.250.14.38:50010 to delete  blk_1 blk_-2 blk_3"))
        .isEqualTo(mask("ask 10.251.126.5:50010 to delete  blk_9"));
    assertThat(mask("close, 1190 bytes (1.16 KB) sent, 1671 bytes (1.63 KB) received, lifetime 00:02"))
        .isEqualTo(mask("close, 0 bytes sent, 0 bytes received, lifetime <1 sec"));
  }

  @Test
  void a_path_is_one_value_but_a_file_named_by_a_word_and_a_number_keeps_the_word() {
    assertThat(mask("Deleting block blk_-5627 file /mnt/hadoop/dfs/data/current/subdir19/blk_-5627"))
        .isEqualTo("Deleting block blk_<*> file /<*>/blk_<*>");
    assertThat(mask("allocateBlock: /user/root/_temporary/_task_2008_0001_m_000590_0/part-00184. blk_1"))
        .isEqualTo("allocateBlock: /<*>/part-<*>. blk_<*>");
    // No fixed word, or no number after it: the whole path.
    assertThat(mask("Disk /dev/sda1 /var/log/app.log /srv/data-old mounted")).isEqualTo("Disk <*> mounted");
  }

  @Test
  void an_address_glued_to_the_first_word_is_a_value_and_the_word_stays() {
    assertThat(mask("10.251.30.6:50010:Got exception while serving blk_-3 to /10.251.90.64:"))
        .isEqualTo("<*>:Got exception while serving blk_<*> to /<*>:");
    assertThat(mask("10.251.30.6:Got it")).isEqualTo("<*>:Got it");
    // Not an IPv4 address: one value, as before.
    assertThat(mask("[pid 1:tid 2] 12:30:done 1.2.3:x")).isEqualTo("[pid <*> <*>] <*>");
  }

  @Test
  void a_left_out_restatement_is_reported_after_the_token_it_followed() {
    // close, <*> bytes sent, <*> bytes received, lifetime <*>: notes after both "bytes".
    assertThat(masker.mask("close, 1190 bytes (1.16 KB) sent, 1671 bytes (1.63 KB) received, lifetime 00:02")).hasSize(9);
    assertThat(masker.notesOfLast()).containsExactly(false, false, true, false, false, true, false, false, false);
    // After a list the note follows the one token the list became.
    masker.mask("moved blk_1 blk_2 (2048) done");
    assertThat(masker.notesOfLast()).containsExactly(false, true, false);
    masker.mask("close, 0 bytes sent");
    assertThat(masker.notesOfLast()).isNull();
  }

  @Test
  void words_and_class_names_stay() {
    assertThat(mask("Exception causing close of session due to java.io.IOException: ZooKeeperServer not running"))
        .isEqualTo("Exception causing close of session due to java.io.IOException: ZooKeeperServer not running");
    assertThat(mask("Notification: LOOKING (n.state), FOLLOWING (my state)"))
        .isEqualTo("Notification: LOOKING (n.state), FOLLOWING (my state)");
  }

  @Test
  void a_masker_reused_after_a_longer_message_answers_as_a_fresh_one() {
    StringBuilder ids = new StringBuilder("served");
    for (int i = 0; i < 80; i++) {
      ids.append(" id=").append(i).append(" to host").append(i).append(".example.com,");
    }
    masker.mask(ids.toString());
    TokenMasker fresh = new TokenMasker();
    String shorter = "send 12 bytes to user admin port 22 ssh2";
    assertThat(masker.mask(shorter)).containsExactly(fresh.mask(shorter));
    assertThat(masker.rawOfLast()).containsExactly(fresh.rawOfLast());
    assertThat(masker.rawOfLast()).containsExactly(null, "12", null, null, null, "admin", null, "22", "ssh2");
    assertThat(masker.mask("blk_1 blk_2 blk_3")).containsExactly("blk_<*>");
    assertThat(masker.rawOfLast()).containsExactly((String) null);
  }

  @Test
  void plain_words_come_back_as_the_same_instance() {
    String word = "Connection";
    assertThat(TokenMasker.token(word)).isSameAs(word);
    assertThat(TokenMasker.token("(closed),")).isEqualTo("(closed),");
    assertThat(TokenMasker.token("host.example.com")).isEqualTo("<*>");
    assertThat(TokenMasker.token("/var/log/x")).isEqualTo("<*>");
    assertThat(TokenMasker.token("()")).isEqualTo("(<*>)");
  }

  @Test
  void the_whitespace_test_agrees_with_the_jdk_on_every_char() {
    int spaces = 0;
    for (int c = 0; c <= Character.MAX_VALUE; c++) {
      assertThat(TokenMasker.isWhitespace((char) c)).as("U+%04X", c).isEqualTo(Character.isWhitespace((char) c));
      spaces += TokenMasker.isWhitespace((char) c) ? 1 : 0;
    }
    assertThat(spaces).isGreaterThan(10);
  }
}
