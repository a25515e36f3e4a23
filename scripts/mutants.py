#!/usr/bin/env python3
"""mutants.py: mutation testing of zonetop's model core.

Debian has no C mutation tool and universalmutator (PyPI) is out of reach
of the build machines, so this is a small one in its style: every mutant
is ONE token changed in a copy of one source file, built, linked into the
unit tests that exercise that file, and run.  A mutant that a test fails
on (or that crashes, or hangs past the timeout) is killed; one that every
test passes on survived: either a test is missing or the mutant is
equivalent (the same behaviour), which tests/mutants.equiv must then say,
with why.  A mutant that does not compile is not counted.

Mutations (operators on code tokens; comments, strings, preprocessor
lines are left alone):
  relational   <  <=  >  >=  ==  !=   swapped (< -> <=, < -> >, ...)
  arithmetic   + - * / %  += -=  ++ --   swapped
  logical      && || & | ^ << >>  |= &=   swapped
  constants    integer literal N -> N+1, N-1, 0 (1 for 0); true <-> false
  negation     if (C) / while (C) -> if (!(C)) / while (!(C))
  deletion     an assignment, increment, call, break or continue
               statement (one line) -> ";" ; a return nested in a block
               (an early return) -> ";"

Usage:
  scripts/mutants.py [-j N] [--timeout S] [--list] [--only KEYS]
                     [--verdicts FILE] [--no-shared] [SPEC...]
SPEC is FILE, FILE:FUNCTION[,FUNCTION...], FILE:FROM-TO (lines) or
FILE:all; FILE alone means its core functions where CORE names them (else
the whole file); without a SPEC, every file of TARGETS so.  `make
mutants` runs it (its MUTANTS variable gives the specs).  Jobs default to
1: the machine is shared.  Objects live in build/mut/ (ASan+UBSan, -O0,
rebuilt when their source is newer); a file of SHARED (oomprefix.c) is
built per mutant as one shared object that its tests, linked once, load
(no link per test per mutant; --no-shared links them as for the rest,
with the same verdicts on a sample of 225 mutants).  Prints each
survivor as a key that tests/mutants.equiv takes verbatim, then
killed/total per file; exits 1 when a survivor is not justified there;
--verdicts FILE writes every mutant's verdict and seconds as it comes.  --only KEYS reruns just the
mutants whose keys are lines of the file KEYS (the survivors printed).

A key names the function and the line's text, not its number: two
identical lines in one function (a "return;", a loop header) share a key,
and one justification then covers both; mutants.equiv says so where it
happens.

Figures of 2026-12-07 (killed/total, with the justified equivalents;
no unjustified survivor left in these):
  src/buddyinfo.c      88/108   20 justified
  src/buddyinfo.c      44/48     4 justified   (buddyinfo_parse, its append
                                                moved to zoneinfo_find_or_add)
  src/meminfo.c       192/202   10 justified
  src/zoneinfo.c      544/581   37 justified
  src/zoneinfo.c       31/34     3 justified   (zoneinfo_gave_up, the
                                                scanned lines and the flag
                                                lines of zoneinfo_line)
  src/zoneinfo.c       29/47    18 justified   (zoneinfo_find_or_add,
                                                zoneinfo_reserve: buddyinfo's
                                                append, shared with pagetypeinfo)
  src/zonemath.c      249/255    6 justified   (CORE: the watermark check)
  src/zonemath.c       10/11     1 justified   (unaccounted_kb's VmallocUsed
                                                lines, VmallocChunk's test)
  src/zonemath.c      223/241   18 justified   (outside CORE: derive_contig,
                                                the buddy indices,
                                                zone_kernel_reserve,
                                                zone_fenced, derive_mi,
                                                unaccounted_kb,
                                                managed_gap_kb; a full run
                                                in two pieces, then the
                                                survivors' keys rerun)
  src/badness.c       682/736   54 justified   (exact points, ranking; rerun
                                                after the index-mapped sets)
  src/procs.c         139/158   19 justified   (CORE: the snapshot's ranking)
  src/procs.c         193/245   46 justified   (outside CORE, the sampler's
                                                reading: track (pid reuse,
                                                rebuilt directories) 37/42,
                                                5; cmp_cand 5/14, 9;
                                                ent_stat 23/28, 3, 2 NOT; a
                                                full run, then the
                                                survivors' keys rerun with
                                                test_procs' made-up proc
                                                roots and its live kept-fd
                                                tests (199/258 then);
                                                rank_pass (exits,
                                                unreadable scores, kernel
                                                threads), read_score (kept
                                                fds, EMFILE) and
                                                contender_floor rerun whole
                                                after three were rewritten
                                                (below): 126/161, then the
                                                pread size's 2 killed by
                                                the longer padded oom_score
                                                (--only), 128/161, 29, 4
                                                NOT; 6 NOT justified in
                                                all, see below)
  src/procs.c         288/371   83 justified   (hp2: the listing, list_from ..
                                                pid_adj, and the exact
                                                pass's reading, task_add ..
                                                user_name: 167/371 first, the
                                                live listing never tested;
                                                then the survivors' keys
                                                rerun (--only) with
                                                test_live_ns_listing and
                                                test_live_ns_details, a live /proc
                                                in a pid namespace of their
                                                own, and test_sample_names_adj
                                                .. test_sample_scope_siblings:
                                                121 of the 204 killed; 1 NOT:
                                                list_pids' <= nents; row_init
                                                .. read_details: ma's, below)
  src/procs.c         448/517   69 justified   (hp4: the scopes and the task
                                                source, exact_cgroups ..
                                                task_cgroup, and
                                                procs_read_task; run in five
                                                pieces as tests were added:
                                                exact_cgroups .. procs_sample's
                                                first lines 352/455, their
                                                survivors' keys rerun (--only)
                                                with the final tests, 28 of
                                                30 killed: 380/455, 58, 17
                                                NOT justified, live only (the
                                                details cache's room and idle
                                                drop, the sticky formula,
                                                fresh, own_details, filtered);
                                                then procs_sample's rest ..
                                                task_cgroup with the final
                                                tests, stopped at the
                                                deadline: 45/62, 2, 15 NOT
                                                justified, not analysed (the
                                                ino index's sort and size,
                                                task_cgroup's tree.n edges,
                                                pending's reset); 170 not run:
                                                task_cgroup's rest, tasks_add,
                                                arrays_get, procs_sample_tasks,
                                                procs_sample_source; then md:
                                                a run of procs_sample ..
                                                task_cgroup and read_pid_file
                                                on the tests before, stopped
                                                for time at 84/248, 79
                                                killed (fresh, own_details:
                                                the live tests' whole run),
                                                then the 32 keys left NOT
                                                with test_md_* and
                                                test_live_md_*: 23 killed
                                                (20 rerun --only, 3 in that
                                                run), 9 justified)
  src/procs.c         136/176   40 justified   (mc: cgroup_victim .. tasks_add's
                                                c->score; stopped for time
                                                at 156 of 268 (1 invalid):
                                                117/155 first, then the 38
                                                survivors' 8 killed by
                                                test_mc_* (--only); then
                                                tasks_add's pt->cg ..
                                                c->score (--only, 21 of
                                                its last 26): 10/21, 10;
                                                1 NOT (an unknown score
                                                made 0), since killed
                                                (--only) by pb's
                                                test_pb_source_unknown_score;
                                                its 91 not run: pb's entry)
  src/procs.c          62/99    35 justified   (pb: tasks_add's last 5 lines,
                                                c->pos .. e->score,
                                                arrays_get and
                                                procs_sample_source
                                                (procs_sample_tasks has no
                                                mutant; 1 invalid): 59/99
                                                first, 5 of the kills false
                                                (a loaded machine: rerun
                                                --only, they survive,
                                                justified); then the 10
                                                survivors not justified
                                                rerun (--only) with
                                                test_pb_* and
                                                test_live_pb_*: 8 killed;
                                                2 NOT: fresh's deletion and
                                                >= made <, live only (a
                                                source row its hint does
                                                not fill, whose status
                                                changes while its statm,
                                                score and adj stand still:
                                                test_live_pb_source_fresh's
                                                sleeper's statm moves);
                                                tasks_add's first 68 not
                                                rerun this time: mc's)
  src/procs.c         308/403   95 justified   (hp3, the exact pass's
                                                order and victims:
                                                pid_listed .. status_uid,
                                                pid_task's one survivor,
                                                quick_contenders ..
                                                kvs_copy, victim_died,
                                                victim_swap; pid_uid ..
                                                select_rows: mb's entry;
                                                cgroup_victim ..
                                                exact_collect not
                                                run.  First runs 262/403:
                                                pid_listed .. status_uid
                                                27/46 (-u by name had no
                                                test), victim_died and
                                                victim_swap 78/93 (with
                                                test_live_victim_gone),
                                                quick_contenders ..
                                                exact_global's first 30
                                                121/219, the rest of
                                                exact_global and kvs_copy
                                                36/45; then every
                                                survivor's key rerun
                                                (--only) with the new
                                                tests; 14 NOT justified,
                                                see below)
  src/procs.c         379/464   85 justified   (hp1, outside CORE:
                                                procs_guess_formula ..
                                                procs_derive_row, the pid
                                                table (slot_home ..
                                                table_del), gone_errno,
                                                read_pid_file,
                                                lift_nofile; a first run
                                                (tests of main) stopped
                                                for time after
                                                lift_nofile, 248/429, then
                                                its survivors' keys rerun
                                                (--only) with
                                                test_score_adj0_edges,
                                                test_derive_row,
                                                test_sample_pid_table,
                                                test_sample_fds,
                                                test_live_budget and
                                                test_live_nofile, with
                                                update_budget and
                                                procs_kept_fds whole
                                                (33/35, 2; 1 does not
                                                compile): 145 run, 134
                                                killed, then 2 more with
                                                the pid table test's fix;
                                                2 NOT then, read_pid_file's
                                                fd < 0 made <= 0 or < 1,
                                                since killed (--only) by
                                                test_md_pid_file_fd0; procs_open
                                                and procs_close: mb's entry)
  src/procs.c         168/188   19 justified   (mb: pid_uid, row_hint,
                                                cheap_pass, detail_pass,
                                                select_rows, procs_open,
                                                procs_close: 162/188 first;
                                                then every survivor's key
                                                rerun (--only) with
                                                test_mb_* and
                                                test_live_mb_open_fds;
                                                1 NOT: same_ns's && made
                                                || (a root of another pid
                                                namespace whose self is
                                                readable, untried);
                                                test_sys_kept_seq
                                                (kallsyms) and
                                                test_live_quick fail at
                                                times on this busy
                                                machine: 4 kills of the
                                                first run are theirs,
                                                justified ahead)
  src/procs.c          58/82    18 justified   (ma, the rows' details:
                                                row_init .. read_row's
                                                status read; 82 of 216
                                                run, stopped at the
                                                deadline (134 not run:
                                                read_row from its
                                                parse_status test on,
                                                details_lib,
                                                read_details).  First
                                                verdicts 52/82 (24 with
                                                the old tests, 14
                                                killed; then with
                                                test_ma_ns_cache, a pid
                                                namespace whose init is
                                                the pid table's first
                                                entry, and
                                                test_ma_hinted), the
                                                survivors' keys rerun
                                                (--only); 6 NOT
                                                justified: row_src's
                                                exact-pass test, t <= 0
                                                and t < 1 (tasks[0], the
                                                last listed contender,
                                                not found below
                                                DETAIL_TOP in time) and
                                                four || made && in it
                                                (st_known, NO_MM, rss,
                                                swap: not analysed in
                                                time; an empty comm or
                                                a zombie may show them))
  src/procs.c          40/58    13 justified   (rf: thread_mm, a zombie
                                                leader's counters from a
                                                thread; a first run stopped
                                                at 11 (5 killed), then with
                                                test_rf_zombie_leader's
                                                Vm-lines leader the other
                                                keys (--only): 35/51; 5
                                                NOT justified: fd <= 0
                                                (the made-up root samples
                                                no points with stdin
                                                closed), the two continue
                                                lines' shared key (the
                                                second, a thread without
                                                mm read first, is not
                                                equivalent), the parse's
                                                < 0 made > 0 and its ||
                                                made &&: a thread without
                                                Name or mm listed before
                                                the one with the mm, not
                                                tested)
  src/procs.c         127/143   16 justified   (pa: read_row from its
                                                status parse on,
                                                details_lib, read_details:
                                                114/143 first (4 justified
                                                ahead), then the survivors'
                                                keys rerun (--only) with
                                                test_pa_* and
                                                test_live_pa_cmdline_gone:
                                                13 of 13 killed; 12
                                                justified, 1 of them
                                                untestable (the live
                                                cache's start 0 made 1);
                                                none NOT justified)
  src/procs.c          21/21     0 justified   (mb: procs_read_witness, with
                                                test_mb_read_witness; no
                                                test had called it)
  src/procs_bpf.c     367/399   32 justified   (mb: the whole file, a first
                                                target 2026-12-08: 204/398
                                                first on the tests of cw
                                                (the judge and the kept
                                                text 189/220; the rest
                                                15/178, nothing past the
                                                loaded iterator tested);
                                                then the kept verdict's
                                                load, save and a sample's
                                                verdict, the witnesses'
                                                choice and the ranking made
                                                functions of their own
                                                (procs_counts_load, _save,
                                                _sample, procs_witnesses_find,
                                                procs_bpf_rank) with
                                                test_mb_*, runs and --only
                                                reruns as they came; a full
                                                run of the final source:
                                                14 of the 32 are open,
                                                close and the read past a
                                                loaded iterator, which
                                                scripts/mutants.py's build
                                                has not: tests/live/bpf.sh's)
  src/procs.c          18/20     2 justified   (mp: the 20 left NOT
                                                justified above (ma's 6,
                                                mb's 1, pb's 2, rf's 5,
                                                the sampler's reading's
                                                6), rerun (--only) with
                                                test_mp_* and
                                                test_live_mp_* (a made-up
                                                root mounted over /proc in
                                                a mount namespace of a
                                                child's own: the live
                                                sampler, kept fds and
                                                detail cache on files the
                                                test writes; a pid
                                                namespace for a kept fd's
                                                ESRCH): 17/20, 2
                                                justified; then ent_stat's
                                                start 0 made 1 (--only)
                                                with
                                                test_mp_tie_unknown_start:
                                                killed; the 20 keys rerun
                                                on the final tests: 18/20,
                                                2 justified.  Justified:
                                                thread_mm's first continue
                                                (its key shared with the
                                                second, killed) and
                                                read_score's ent_unkeep
                                                after a kept fd's other
                                                read error (untestable
                                                here); none NOT)
  src/derive.c        180/190   10 justified   (CORE: derive_zone, checks, walk)
  src/derive.c        164/179   15 justified   (totals, rates, the OOM event
                                                checks: derive_totals .. derive_oom_guess)
  src/derive.c        160/171   11 justified   (zone events and severities:
                                                derive_ev_add, derive_find_zone,
                                                derive_clean, derive_ev_num,
                                                derive_zone_events, derive_sev,
                                                derive_eta_sev,
                                                derive_severity_memcg,
                                                derive_severity_trend,
                                                derive_severity)
  src/derive.c         73/78     5 justified   (the event list and the step:
                                                derive_source_events,
                                                derive_events,
                                                derive_snapshot; then
                                                derive_events' count made
                                                a declaration, see below:
                                                44/49 there, 5 justified)
  src/derive.c         63/67     4 justified   (derive_wm_shape 29/30, 1
                                                justified, and
                                                derive_zone_checks 34/37, 3:
                                                the pre-4.4 check's shape)
  src/psi.c           115/118    3 justified
  src/swaps.c         258/274   15 justified   (then one line made a bool)
  src/pagetypeinfo.c  205/220   15 justified
  src/pagetypeinfo.c   92/102   10 justified   (pagetypeinfo_parse 80/90 and
                                                pagetypeinfo_whole 12/12: zones
                                                appended without zoneinfo)
  src/procs_parse.c   467/479   12 justified   (before procs_parse_last_pid)
  src/cgroup.c        200/207    7 justified   (CORE: the file readers)
  src/cpuset.c        183/193   10 justified   (CORE: the node lists)
  src/httpaddr.c      175/180    5 justified
  src/kmsg.c          808/874   66 justified   (CORE: records, window, reports)
  src/config.c        463/509   46 justified   (after the interval fix)
  src/json_in.c      1113/1151  38 justified   (the whole file: jin_digits
                                                and json_in_time 219/223, 4;
                                                jin_int .. json_in 894/928,
                                                34: the deletion of
                                                jin_procs' cut killed
                                                since, see below)
  src/oomreport.c     488/509   21 justified   (CORE's first 14 functions:
                                                oom_num_after, oom_hex, the
                                                header with GFP mask/order,
                                                oom_unit_ok, oom_kv_tokens,
                                                zone, reserve, buddy, node,
                                                hugepages, count/swap lines)
  src/oomreport.c      87/95     8 justified   (CORE: the task header and
                                                oom_task_add, a full run)
  src/oomreport.c     349/370   21 justified   (CORE's rest, oom_task_num ..
                                                oom_h_task_in: task rows,
                                                select, kill and oom-kill:
                                                lines, memcg usage, stats,
                                                "Task in"; a full run, then
                                                the survivors' keys rerun)
  src/oomreport.c     170/171    1 justified   (outside CORE: report
                                                splitting, oom_report_for,
                                                oom_reaped, oom_kill_verb,
                                                oom_kill_prefix; 127/128
                                                first, then a full rerun
                                                with explain_fresh2's
                                                openers merged: 169/171,
                                                its survivor, a failed
                                                open at the report limit,
                                                then killed by
                                                test_task_limit; after
                                                the frame scan was made
                                                one, oom_report_for
                                                alone: 110/111, 1
                                                justified)
  src/oomreport.c      12/12     0 justified   (h16fresh3's oom_frame_offset,
                                                oom_rel_stamp)
  src/oomreport.c     69/69     0 justified   (h16boot: oom_same_boot
                                                rewritten as one pass over
                                                the runs, no arrays: the
                                                old one's 152 mutants (121
                                                run: 88 killed, 18
                                                justified, 15 survivors;
                                                one read an after[] slot
                                                never set) are gone with
                                                it; oom_same_boot 37/37,
                                                oom_lend 24/24,
                                                oom_one_run 8/8; a full
                                                run of the final source)
  src/oomreport.c     29/29     0 justified   (h16boot: oom_is_body_line
                                                10/10 and the helpers it
                                                now shares with oom_anchor,
                                                oom_m_huge and oom_m_node:
                                                oom_is_huge_line 1/1,
                                                oom_is_node_line 1/1,
                                                oom_is_usage_limit 1/1,
                                                oom_is_task_heading 4/4,
                                                oom_anchor 12/12, while
                                                oom_m_huge and oom_m_node
                                                only call them now (no
                                                mutant left there); before
                                                them 12/16, its 4
                                                survivors the copies of
                                                those helpers' clauses)
  src/oomreport.c     37/39     2 justified   (h16boot: oom_has_frame,
                                                now oomreport_has_frame,
                                                15/15, oom_is_evidence
                                                14/14, oom_boot_seconds
                                                8/10, 2; a full run
                                                (14/15, 14/14, 8/10), then
                                                the 3 survivors' keys
                                                rerun with the final
                                                tests; on the source
                                                before: 11/15, 14/14,
                                                5/10)
  src/oomreport.c     123/142   19 justified   (outside CORE: oomreport_parse
                                                with its pass 2 and the quote
                                                tables' sizing; 113/142 first,
                                                in two runs, then the 11
                                                survivors' keys not justified
                                                rerun (--only) with
                                                test_parse_edges and
                                                test_three_reports: 10 killed,
                                                1 justified)
  src/oomreport.c      55/59     4 justified   (oom_is_zone_line 5/5;
                                                oomreport_kv 50/54, 4, with
                                                test_release_kv)
  src/oomreport.c      96/99     3 justified   (oom_frame: 21 mutants, then
                                                the other 84 and the first 21's
                                                11 survivors' keys (--only)
                                                with test_trace_regs: 5
                                                survivors, 2 then killed by
                                                its one-letter and arm
                                                "from" frames (--only), 3
                                                justified; 6 do not compile)
  src/oomreport.c      79/81     2 justified   (oom_cpu_line: a full run with
                                                test_cpu_line, 76/81, then its
                                                3 survivors not justified
                                                rerun (--only) with more of
                                                its cases: killed; 4 do not
                                                compile)
  src/oomreport.c      20/21     1 justified   (oom_starts, oom_find_after,
                                                oom_cur, oomreport_zone,
                                                oomreport_constraint_name;
                                                19/21, then oomreport_zone's
                                                survivor rerun (--only) with
                                                test_zone_missing: killed)
  src/explain.c        15/15     0 justified   (ex_charge_path, one run with
                                                test_fresh3_charge_path's first
                                                frame and OOM_MAX_FRAMES cases;
                                                its loop, a copy of
                                                oom_has_frame's, is now a call
                                                of oomreport_has_frame, which
                                                is that function made public:
                                                rerun 15/15, and no mutant is
                                                left in ex_charge_path)
  src/explain.c     582/629   47 justified   (hx1, the victim arithmetic,
                                                ex_node_list .. ex_victim:
                                                node lists, totalpages (RAM,
                                                allowed nodes, a memcg's
                                                limit and swap), the badness
                                                of 2.6.32, 2.6.36 and 3.10+
                                                with the root bonus by
                                                version, scores, the ranking
                                                and the victim's note; runs
                                                in pieces as tests were
                                                added: ex_node_list and
                                                ex_nodes_pages 57/64 (14/33
                                                on the tests before), the
                                                rest 489/565 after
                                                ex_totalpages_memcg's and
                                                ex_totalpages' fixes (below),
                                                then every survivor's key
                                                and ex_badness' rewritten
                                                guard rerun (--only) with
                                                the final tests)
  src/oomreport.c      93/94     1 justified   (outside CORE: the line
                                                rules' handlers and
                                                matchers, oom_h_* and
                                                oom_m_* but oom_h_task_in
                                                (CORE), oom_h_count,
                                                oom_m_shared; 76/94 first,
                                                the 18 survivors' rerun
                                                with the new tests, and
                                                oom_h_cpuset rerun whole
                                                after its fix)
  src/oomreport.c     207/211    4 justified   (outside CORE: oom_parse_line,
                                                oom_anchor, oom_fn_frame,
                                                oom_is_oom_frame,
                                                oom_select_verb,
                                                oom_is_usage, oom_is_known,
                                                oom_invoked_at,
                                                oom_contains_ci,
                                                oom_is_global; 166/211
                                                first, then the 45
                                                survivors' keys rerun,
                                                in three rounds as tests
                                                were added)
  src/oomreport.c      71/130  58 justified   (outside CORE: the quotes,
                                                oom_key_mix .. oom_is_quote;
                                                oom_key_mix 1/25, 24 (an
                                                earlier run), oom_key 3/33,
                                                30 (the last after stamp[]
                                                moved, see below);
                                                oom_seen_has
                                                11/12, 1; oom_seen_add
                                                16/18, 2; oom_is_quote
                                                40/42, 2)
  src/explain.c       334/368   34 justified   (hx2: the zones and reclaim,
                                                ex_node_unrecl ..
                                                ex_unaccounted; a first run
                                                on the tests before was
                                                stopped at 15 mutants, 2
                                                killed, all 13 survivors in
                                                ex_node_unrecl; then a full
                                                run in two pieces with the
                                                hx2 tests of
                                                test_explain_rules and
                                                test_explain (ex_node_unrecl
                                                and ex_wm_flags 84/84;
                                                ex_zones, ex_reclaim and
                                                ex_unaccounted 241/284, on
                                                the source with the two
                                                fixes below), then the 43
                                                survivors' keys rerun
                                                (--only): 9 killed, 34
                                                justified)
  src/explain.c     190/251   61 justified   (mg: the verdict's sentences,
                                                ex_verdict_memcg ..
                                                ex_verdict_tasks and
                                                ex_verdict_missing_zone's
                                                first 6, with test_mg_*:
                                                174/248 first, 74
                                                survivors (59 of them
                                                weights a point apart and
                                                buffers, justified), then
                                                the 14 others' keys (16
                                                mutants) and the rewritten
                                                swap guard's 5 rerun
                                                (--only) with the final
                                                tests: 19 killed, 2
                                                justified, none left;
                                                357 not run for time:
                                                ex_verdict_missing_zone's
                                                rest, ex_verdict_zones, and
                                                explain_free, ex_verdict,
                                                explain_report, since run
                                                (ed))
  src/explain.c       189/214   25 justified   (mf: the request, cause,
                                                scope and the trace's
                                                frame tests, ex_gfp ..
                                                ex_frame_context, and
                                                ex_trace's first mutant;
                                                a run of ex_gfp ..
                                                ex_verdict_request (481)
                                                stopped at the deadline
                                                after 214: 144/214 first,
                                                then the 70 survivors'
                                                keys rerun (--only) in
                                                four rounds with the
                                                test_mf_* tests of
                                                test_explain: 45 killed,
                                                25 justified; ex_trace's
                                                rest: ea's entry below;
                                                ex_missing ..
                                                ex_verdict_request since, eb)
  src/explain.c       433/513   69 justified   (me: the helpers ex_add ..
                                                explain_zone_label, the
                                                kernel by its format
                                                ex_version_bounds ..
                                                ex_kernel, ex_kv_text, and
                                                ex_types .. ex_slot,
                                                explain_zone_populated,
                                                ex_alloc_flags_name; run in
                                                pieces as tests were added,
                                                409/513 first, then the
                                                survivors the new tests meant
                                                to kill rerun (--only); 11 NOT
                                                justified then, ex_kernel's
                                                kv >= 0 (a release 0.0),
                                                from >= hi and the printed
                                                names' check of a layout:
                                                ea's entry below)
  src/explain.c       131/169   38 justified   (ed: ex_verdict's own
                                                sentences and sort,
                                                explain_report's start
                                                values and page size,
                                                explain_free: 108/169
                                                first, then the 61
                                                survivors' keys rerun
                                                (--only) with test_ed_*
                                                of test_explain_rules: 23
                                                killed, 38 justified (the
                                                start values ex_kernel ..
                                                ex_tasks always set, weights
                                                a point apart, the sort's
                                                first pair: the request's
                                                1000 is always first))
  src/explain.c       131/154   23 justified   (eb: what the report lacks
                                                and the request's sentence,
                                                ex_missing .. ex_verdict_request:
                                                124/158 first, on the tests
                                                before; ex_missing's order
                                                != -2 showed a bug (below);
                                                then the 33 other survivors'
                                                keys and the fixed line's 2
                                                rerun (--only) with
                                                test_eb_*: 12 killed, 23
                                                justified (12 of them
                                                weights a point apart, 6
                                                buffer sizes); then a full
                                                rerun on the final source)
  src/explain.c       166/199   33 justified   (ec: the zones' sentence and
                                                the missing zone,
                                                ex_verdict_zones and
                                                ex_verdict_missing_zone
                                                whole: 154/194 first (39
                                                NOT, 1 justified: mg's);
                                                then test_ec_* (eight zones
                                                above high on a page fault,
                                                a high mark cut off) and
                                                the fix below, the dead
                                                pass_min counter gone: a
                                                full rerun 166/199, the 33
                                                survivors justified (buffer
                                                sizes, weights, counters
                                                only compared with 0) and
                                                rerun (--only); none left)
  src/explain.c        99/130   31 justified   (ea: ex_kernel, a full run
                                                on the tests before, 89/130,
                                                30 justified, 11 NOT (the
                                                me entry's), then their keys
                                                rerun (--only), 10 killed, 1
                                                justified, with
                                                test_ea_release_zero,
                                                test_ea_layout_at_bound,
                                                test_ea_names_pick_layout (a
                                                real 5.9 0x800(GFP_NOWAIT)
                                                without its release) and
                                                test_ea_name_unknown_to_layout)
  src/explain.c       105/110    5 justified   (ea: ex_trace, the call trace's
                                                chain and purpose: its first
                                                30 mutants on the tests
                                                before (25 killed, 4
                                                survived, 1 counted as not
                                                compiling, which compiled
                                                and was killed since), the
                                                other 80 with
                                                test_ea_trace_skb and
                                                test_ea_trace_memcg (71/80),
                                                then the 13 survivors' keys
                                                rerun (--only) with
                                                test_ea_trace_first_sure and
                                                test_ea_trace_kinds (real
                                                traces where one frame name
                                                alone tells a slab or page
                                                cache allocation): 8 killed,
                                                5 justified; then a full run
                                                of ex_kernel and ex_trace
                                                with the final tests:
                                                204/240, 36 justified, as
                                                these two entries)
  src/explain.c       161/167    6 justified   (ex_version_bounds after
                                                nr_pmds was dated 4.0,
                                                2026-12-08; and ex_trace's
                                                SLAB frame names, 5/5)
  src/oomprefix.c      23/23     0 justified   (pfx_line_strip, moved out
                                                of pfx_build 2026-12-08,
                                                with test_f6_inner_stamp's
                                                new cases)
  src/oomprefix.c     105/109    4 justified   (f7, 2026-12-08:
                                                pfx_exact_stamp,
                                                pfx_next_record,
                                                pfx_inner_stamp and
                                                pfx_build's joined-records
                                                branch; 88/109 first, then
                                                the 21 survivors' keys
                                                rerun (--only) with
                                                test_f7_joined_records'
                                                table: 17 killed)
  src/oomreport.c      39/42     3 justified   (f7: oom_cut_kill_head, its
                                                handler and matcher and the
                                                lines that call it; 37/43
                                                first, then a full run
                                                after the handler's dead
                                                test went: 39/42)
  src/explain.c         8/8      0 justified   (f7: ex_constraint_note's
                                                zone and node lines)
  src/oomreport.c     116/118    2 justified   (ARM's frame lines,
                                                oom_arm_name ..
                                                oom_h_arm_frame and
                                                oom_frame_add, 2026-12-08:
                                                113/118 first, then the 4
                                                survivors' keys rerun
                                                (--only) with
                                                test_trace_regs' cases)
  src/oomreport.c     116/121    5 justified   (outside CORE: oom_copy,
                                                oom_grow, oom_open,
                                                oom_report_init and the
                                                frees; 101/121 first, then
                                                the 20 survivors' keys
                                                rerun (--only) with
                                                test_oomreport's hx2 tests:
                                                15 killed, 5 justified)
  src/oomprefix.c     232/248   16 justified   (pfx_lit .. pfx_syslog_tail:
                                                literals, month words, clocks,
                                                dmesg bracket times, stamps,
                                                the syslog host and tag)
  src/oomprefix.c    1006/1096  90 justified   (pfx_form_level .. pfx_learn_cut,
                                                every function between: the
                                                known forms and their claims,
                                                pfx_one_prefix, pfx_strip, the
                                                lines' arena, the anchors,
                                                quotes, shapes, learning, the
                                                suffix, matching, the wrap
                                                column)
  src/oomprefix.c     175/178    3 justified   (pfx_learned_stamp 81/82, 1;
                                                pfx_is_column 15/15;
                                                pfx_join_blank 79/81, 2: the
                                                stamp in a learned prefix,
                                                the blank a wrap took)
  src/oomprefix.c      92/98     6 justified   (pass 2's open header:
                                                pfx_open_read,
                                                pfx_header_open,
                                                pfx_header_tail; on the
                                                source with the seen fix,
                                                see below)
  src/oomprefix.c     195/218   23 justified   (elisions and glued lines:
                                                pfx_is_elision 136/158, 22;
                                                pfx_glued 59/60, 1)
  src/oomprefix.c      28/29     1 justified   (pfx_hex 12/13, 1;
                                                oomprefix_lines 12/12;
                                                oomprefix_free 4/4)
  src/oomprefix.c      36/36     0 justified   (pfx_claims_cut_bracket,
                                                pfx_form_cut_bracket: a dmesg
                                                stamp cut before its '['; a
                                                full run 34/36, then the 2
                                                survivors' keys rerun, --only,
                                                with test_cut_stamp's two
                                                added cases: 2/2)
  src/oomprefix.c     210/217    7 justified   (quoted-printable and
                                                no-break spaces: pfx_is_qp
                                                60/60, pfx_normalise
                                                150/157, 7; one full run
                                                after the end-of-text soft
                                                break fix, see below)
  src/oomprefix.c     161/175   14 justified   (pfx_build: a full run,
                                                153/175 (181 mutants, 6 do
                                                not compile), then its 22
                                                survivors' keys rerun with
                                                the new tests: 8 killed)
  src/oomprefix.c      66/68     2 justified   (pfx_syslog_tail with its
                                                host-less branch, a full
                                                run: the branch's 3 killed)
  src/badness.c        31/31     0 justified   (rf: a memcg scan's dying
                                                leaders, dying_last and
                                                scan_before: 26/34 first,
                                                then dying_last rewritten
                                                (its 14 run anew) and
                                                scan_before's 6 survivors'
                                                keys rerun, all killed)
  src/kmsg.c           29/30     1 justified   (rf: kmsg_process_of,
                                                kmsg_pick: 25/30 first, the
                                                4 survivors' keys rerun)
  src/procs.c           4/4      0 justified   (rf: thread_mm's flag)
  src/explain.c        44/48     4 justified   (f8: ex_oom_other_caller,
                                                ex_cause, the kernel_call
                                                verdict; a full run with
                                                oomreport.c's below, 74/80,
                                                then test_f8_gfp_zero_caller's
                                                trace cut at out_of_memory:
                                                71 mutants rerun in full
                                                after the comm-less header's
                                                move into oom_commless_at)
  src/oomreport.c      23/23     0 justified   (f8: oom_format_string,
                                                oom_invoked_at,
                                                oom_commless_at and the
                                                header test in oom_parse_line)
from the last full run of each, then a rerun of the lines where mutants
had survived (config.c and json_in.c's time stamps: a last full run;
oomreport.c: a rerun of the survivors' keys, mutants.py --only, and of
the rewritten all_unreclaimable test; derive.c's zone events and
severities and json_in.c from jin_int on: a full run in two and five
pieces as tests were added, then one --only rerun of every survivor's
key with the final tests; oomprefix.c: its scope run in three pieces
as tests were added, then a rerun of every line where a mutant had
survived, with the final tests; from pfx_form_level: one run of
pfx_form_bracket .. pfx_learned_stamp and into pfx_join_blank, then a
rerun (--only) of every key that had survived in pfx_form_level ..
pfx_learn_cut, with the final tests; from pfx_learned_stamp: a full
run in four pieces (pfx_learned_stamp .. pfx_join_blank, the open
header, elisions and glued lines, pfx_hex and the entry points), each
piece's survivors' keys then
rerun with its final tests).  gfp.c (282/301, 19), util.c's
escaper (417/434, 17; its escape_one, buf_add_escaped and escape_text
rewritten 2026-12-08 so that a cut never leaves half an escape: 99/110,
11 justified) and record.c's CRC (14/21, 7) are an earlier
session's figures, not rerun.  json_in.c had one unjustified survivor:
jin_procs without its cut at JIN_MAX_PROCS (n = JIN_MAX_PROCS deleted),
not equivalent, but a test needed more than 2^22 process rows, a
snapshot of about a gigabyte; the cut is now json_in_cut()'s parameter
(json_in() gives 2^22) and test_procs_cut gives 0 to 4: jin_procs
rerun, 40/45, 5 justified.  derive.c had one: derive_events with its
count n never set (the assignment after the three calls deleted) sized
the list from stack garbage, which at -O0 was large enough in every
test, and no sanitizer here reports an uninitialised read; n is now a
const declared where it is computed, so no statement is left whose
deletion leaves it unset (a full rerun of derive_events: 44/49, 5
justified).  oomprefix.c had one: pfx_open_read went on reading the
line being built from where it last stopped, but pfx_build cuts an open
header's trailing blanks and '\\' before it appends the next line, and
when that appended at least as much the check of a shorter line missed
it: the bytes appended where the cut was went unread, a ')' there with
them, and the header stayed open and took the next plain line as its
rest; pfx_build now moves seen back to the cut (the open-header piece's
full run was of the source before, 4 mutants of the removed check not
counted; its survivors' keys were rerun on the source after).  pfx_is_qp missed a
soft break that ends the text ("=\\n" as its last two bytes: its loop
stopped at i + 2 < len), so a mail whose one soft break was its last
line's end stayed encoded; its loop now runs to i + 1 < len, each read
of s[i + 2] guarded (test_qp_detect).  oomprefix.c's mutants take
about 2 s a killed one with SHARED on the shared machine, 25 to 55 s a
survivor or a hang.
procs.c's 6 NOT justified (the sampler's reading; mp settled them
since, 5 killed on a made-up /proc or in a pid namespace, 1 justified):
a race or an error this machine's /proc does not give, so no test here
made it then:
rank_pass without its table_del when PID/stat says gone after the
score was read (the kept fd closed a refresh later), read_score
without its return -1 on a kept fd's ESRCH (the dead task one more
unreadable candidate that refresh; read_row drops its row) and without
ent_unkeep after a read error other than ENOENT/ESRCH, ENFILE's '=='
made '!=' (every other open error, EACCES under hidepid for a user
who is not root, would cut the kept fds too); and two of ent_stat whose
difference only a capture can show: start 0 made 1 for an unreadable
stat (it orders ties only against a task started at tick 0 or 1) and
its last return 0 made 1 (read_row then reads PID/stat itself: the
same start, and a state where PID/status had no State: line, which
the kernel always prints).  Three more read memory never set, which
no sanitizer here reports, and are gone with the code that allowed
them: contender_floor without best set (cand[] is sorted, best first:
it now reads the last row shown alone), b[n] = '\\0' deleted (read_score's
buffer is now zeroed, so the bytes read end as a string) and the
candidates' task = -1 deleted (a non-contender kept the last refresh's
task index; rank_pass now writes each candidate whole, a compound
literal).  hp4's run found a bug: --cgroup on a memory cgroup
without a limit (none above either) ranked nobody, as the tree reads
cgroup.procs only in and below limits, so its rows came in pid order;
scope_rank now takes the view's members too, and such a view orders
ties as the global OOM scans, the task list (test_hp4_view_unlimited,
test_hp4_view_unlimited_ties).  hp3's 14 NOT justified (the exact pass): reads of one
candidate slot past the last, memory never set, that no sanitizer here
reports (quick_contenders', cand_sort_rest's two loops, exact_global_top's
move from the back started one or two past, exact_global's ranks and
fallback victim) and exact_global's hot flags cleared one entry past (a
slot table_add clears); a qsort comparator's -1 made 0 (twice: glibc
2.36's merge sort asks only cmp <= 0); victim_died's
PF_EXITING test and'd with the zombie's (every zombie has PF_EXITING) and
its gone test or'd (stat fails otherwise only under hidepid); and
quick_contenders without the tasks scoring 0 (a floor of 0 makes the
whole machine contend: no exact count).  A first run of quick_contenders
.. exact_global_top with test_live_quick's sleep(1) tasks was thrown
away: a mutant that failed that test midway left 300 of them behind
for 10 minutes, and the next mutants failed its count (false kills);
they are cat(1) on a pipe now, gone with the test.  hp3 found two
bugs in exact_view (outside this scope, what the victims read): with
the kernel's rules unknown a view's members were in creation order, so
cgroup_victim named the first made (test_cgroup_victim_unknown); a view
of a cgroup with no limit at or above it found none of its members in
the tree (cgroup.c reads them only in or below a limit), so its rows
were in pid order (test_view_relink).  read_row .. read_details (pa)
and tasks_add's last lines, arrays_get and procs_sample_source (pb) have
had theirs since (tasks_add's first 68 mutants on the tests of
2026-12-07).  procs_read_witness (cw, 2026-12-08) has had its run
since (mb).  Not
justified in procs.c: none since mp (2026-12-08), which killed 18 of
the 20 left (ma's 6 in row_src's exact-pass condition, mb's 1 in
same_ns, pb's 2 fresh, rf's 5 in thread_mm, the sampler's reading's 6
above) and justified 2.  mp's run found a bug in detcache.c: a row put
when the cache's index grew (the first, the ninth, ...) was indexed
under pid 0, never found again (read in full every refresh, a
duplicate entry and its kept fds each time until the idle drop:
test_mp_detcache_put); it was also why test_live_pb_source_fresh's one
row never told fresh.  hp3's exact_view fix and hp4's scope_rank
fix were one bug found twice: the merge kept hp4's scope_rank (tree
scope or view members) and hp3's place by score for members without
points; both helpers' tests pass on it.  The quotes: a full run of oom_key ..
oom_is_quote (107 mutants) on the source with oom_is_quote's compare
made the whole rule (the key filter's checks no longer repeated there,
each pid of a headerless quote one earlier report's) and with
test_quote_kill_lines and test_quote_collisions (headers whose keys a
search made a killed and a selected pid's, so the compare below the
filter decides): 63/107; then test_quote_body and oom_seen_add without
its 0 key for a missing line (a full rerun of it, 16/18) and a rerun
(--only) of oom_seen_has's and oom_is_quote's survivors, 8 of 11
killed; with the final tests, a rerun (--only) of oom_key's 30
survivors: 0 killed, 29 justified.  The one left, the stamp's loop
walking back (p-- for p++), hashed the bytes before stamp[] in struct
oom_report, the top bytes of the report's line number, which differ
only from line 2^24 on (a test needed a paste of over 16 million
lines); stamp[] now follows header[], whose last byte is always
'\0', so the mutant hashes stamp[0] alone, as the header loop's
header[0], and is justified as that one is (rerun --only: 0/1, 1
justified).  The CORE rest's full run (2026-12-07) was of the source before
oom_report_for's rule for a second oom-kill: line, outside that scope;
its 26 survivors' rerun, 5 killed and 21 justified, of the source with
it.  test_record
takes minutes a run, too slow for a mutant.  h16fresh3's openers
oom_bodiless, oom_is_forward_quote, oom_is_bare_task_row: a full run
42/58 (16 survivors), then test_forward_quotes, bare rows' edges and
pid 0 refused (no idle task is on the list dump_tasks() walks): a full
rerun 55/58, 3 justified.  explain.c has had runs of ex_charge_path,
of the victim arithmetic (ex_node_list .. ex_victim), of the zones
and reclaim (ex_node_unrecl .. ex_unaccounted), of the helpers, the
kernel's version and the zone types (ex_add .. ex_slot,
explain_zone_populated, ex_alloc_flags_name; me), of the request and
scope (ex_gfp .. ex_frame_context; mf) and of the verdict's sentences
from ex_verdict_memcg to ex_verdict_tasks (mg), and of ex_verdict,
explain_report and explain_free (ed); what the report lacks and the
request's sentence (ex_missing .. ex_verdict_request) had theirs (eb):
ex_missing left a SysRq-f report's (order -1) lost task table out of its
missing list, though dump_header() dumps the tasks whatever the order;
fixed test-first (test_eb_sysrq_task_table); so had the zones' sentence
and the missing zone (ex_verdict_zones, ex_verdict_missing_zone; ec),
and ex_kernel and ex_trace again (ea): every function of the file has
had a run.  The
zones' run found two bugs, fixed
test-first: ex_zones checked the high mark (the last try before the
OOM killer, __alloc_pages_may_oom(): ALLOC_WMARK_HIGH|ALLOC_CPUSET
alone, no ALLOC_CMA in any release) with free CMA pages counted for a
movable request (test_hx2_high_without_cma), and the verdict said
all_unreclaimable was yes "on every zone" where a 4.8+ report printed
it on its node lines (test_hx2_unreclaimable_fixtures).  The zones'
sentence's run (ec) found one: a zone whose high mark a cut paste lost
(its check not made) was "above its high watermark (high n/a)", and no
"which no zone meets" followed (test_ec_high_unknown).  The victim
arithmetic's fixes: a negative Total swap (a
damaged paste) was no swap for RAM but taken off a cpuset's or memcg's
totalpages; a memcg limit below a page made totalpages 0; a swap usage
of 1-3 kB divided to 0 pages and read as no swap in use, and the swap:
line's usage hid memory+swap's (the evidence is now a bool); the root
bonus's overflow guard stopped one short of INT64_MAX / 3.
"""
import argparse
import concurrent.futures
import os
import queue
import re
import shutil
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "build", "mut")
EQUIV = os.path.join(ROOT, "tests", "mutants.equiv")

# the core's files and the unit tests that exercise each
TARGETS = {
    "src/derive.c": ["test_derive", "test_verdict"],
    # test_derive first: it holds the zonemath tests proper (the indices,
    # fenced zones, unaccounted memory), so most mutants stop there
    "src/zonemath.c": ["test_derive", "test_explain_rules", "test_verdict", "test_explain"],
    "src/badness.c": ["test_badness", "test_procs"],
    "src/procs.c": ["test_procs"],
    "src/gfp.c": ["test_gfp", "test_oomreport"],
    "src/zoneinfo.c": ["test_zoneinfo", "test_buddyinfo"],
    "src/buddyinfo.c": ["test_buddyinfo"],
    "src/meminfo.c": ["test_meminfo"],
    "src/util.c": ["test_util", "test_text_out"],
    "src/record.c": ["test_record"],
    "src/pagetypeinfo.c": ["test_pagetypeinfo"],
    "src/swaps.c": ["test_swaps"],
    "src/psi.c": ["test_psi"],
    "src/procs_parse.c": ["test_procs_parse", "test_procs"],
    "src/cgroup.c": ["test_cgroup_parse", "test_procs"],
    "src/cpuset.c": ["test_cpuset", "test_procs"],
    "src/httpaddr.c": ["test_httpaddr"],
    "src/kmsg.c": ["test_kmsg", "test_ui_events"],
    "src/config.c": ["test_config"],
    "src/oomreport.c": ["test_oomreport", "test_explain_rules", "test_oomprefix",
                        "test_explain"],	# test_record: minutes a run
    "src/json_in.c": ["test_json_in", "test_ui_replay"],	# test_record: 3 min a run
    # test_record is too slow for a mutant; test_explain too (11 s a run)
    # before SKIP below took its test_cut out
    "src/oomprefix.c": ["test_oomprefix", "test_oomreport", "test_explain_rules"],
    # the explainer: only its functions named in a SPEC have been run
    # (ex_charge_path, ex_node_list .. ex_victim, ex_node_unrecl ..
    # ex_unaccounted, ex_verdict_memcg .. ex_verdict_tasks, ex_verdict,
    # explain_report, explain_free, ex_missing .. ex_verdict_request,
    # ex_verdict_zones, ex_verdict_missing_zone); test_explain
    # with SKIP's test_cut left out
    "src/explain.c": ["test_explain_rules", "test_explain"],
    # the BPF path's adapter and the counts judge (test_bpf_tasks: pure,
    # no BPF needed); procs_read_witness is procs.c's (test_procs)
    "src/procs_bpf.c": ["test_bpf_tasks"],
}

# cmocka tests a unit test leaves out per mutant (its ZT_TEST_SKIP, a
# cmocka skip filter), for a run of a second or less: test_explain's
# test_cut parses every report cut every 37 bytes for no crash (8 s of
# its 9; test_shuffle_garble stays), test_oomprefix's test_large_paste
# parses 4096 reports (2.5 s of 3), test_oomreport's test_task_limit
# parses 2^20 task rows (2 s of 2.2), test_procs' live tests fork
# hundreds of sleepers and sample /proc (test_live_emfile 5.5 s of 11,
# test_live_hp4_quick 20 s).  A mutant that every test passes
# without them then runs these tests whole before it counts as a survivor.
SKIP = {"test_explain": "test_cut", "test_oomprefix": "test_large_paste",
        "test_oomreport": "test_task_limit", "test_procs": "test_live_*"}

# files whose mutants are built as a shared object (libzt_mut.so) that
# their tests, linked once, load: a compile and no link per mutant (a link
# of a test with ASan took as long as its run); no test of two of them
SHARED = {"src/oomprefix.c"}
SONAME = "libzt_mut.so"
assert all(len([f for f in SHARED if t in TARGETS[f]]) <= 1 for ts in TARGETS.values() for t in ts)

# where a file holds more than the core, the core's functions: a SPEC of
# the file alone means these (FILE:all means the whole file)
CORE = {
    # the watermark check (__zone_watermark_ok and its callers' inputs)
    "src/zonemath.c": ["zone_wstate", "zone_mark", "derive_has_block",
                       "watermark_ok_flags", "watermark_ok_cma", "watermark_ok",
                       "slot_of_type", "class_highest_type"],
    # the snapshot's ranking: rows to the kernel's points, ordered
    "src/procs.c": ["score_key", "cmp_proc", "procs_row_task", "rank_by_score",
                    "rank_by_points", "procs_rank"],
    # what feeds the watermark check: per-zone state, checks, allocations;
    # the zone events (appeared, vanished, resized), the severities, the
    # event list and the step that derives a snapshot
    "src/derive.c": ["derive_zone", "derive_zone_checks", "derive_alloc",
                     "derive_ev_add", "derive_find_zone", "derive_clean",
                     "derive_ev_num", "derive_zone_events", "derive_sev",
                     "derive_eta_sev", "derive_severity_memcg",
                     "derive_severity_trend", "derive_severity",
                     "derive_source_events", "derive_events",
                     "derive_snapshot"],
    # the readers of memory-cgroup files (limits, usage, events, members)
    "src/cgroup.c": ["cgroup_proc_path", "cgroup_path_within",
                     "cgroup_parse_limit_kb", "cgroup_parse_bytes_kb",
                     "cgroup_parse_events", "cgroup_parse_procs"],
    # the kernel log's records, window and reports; not the reader's I/O
    # (kmsg_open, kmsg_close, kmsg_when, kmsg_poll)
    "src/kmsg.c": ["kmsg_hex", "kmsg_field", "kmsg_record_parse", "kmsg_log_init",
                   "kmsg_log_free", "kmsg_drop", "kmsg_trim", "kmsg_add_line",
                   "kmsg_kill_pid", "kmsg_is_header", "kmsg_line_before",
                   "kmsg_close_report", "kmsg_log_add", "kmsg_line_offset",
                   "kmsg_headline", "kmsg_decode_parsed", "kmsg_decode",
                   "kmsg_event_text", "kmsg_log_take", "kmsg_named",
                   "kmsg_reports_carry", "kmsg_report", "kmsg_pick",
                   "kmsg_explained", "kmsg_explain_json", "kmsg_explain"],
    # the pasted report's parser: text to struct oom_report (header, GFP
    # mask and order, Mem-Info counts, zone, reserve and free-area lines,
    # swap, the task list, the select/kill lines, memcg usage and stats);
    # not the line dispatch, report splitting, de-duplication or boot check
    "src/oomreport.c": ["oom_num_after", "oom_hex", "oom_header",
                        "oom_unit_ok", "oom_kv_tokens", "oom_zone_name",
                        "oom_zone_find", "oom_zone_line", "oom_reserve_line",
                        "oom_is_buddy_line", "oom_buddy_line", "oom_node_line",
                        "oom_huge_line", "oom_count_line",
                        "oom_task_header", "oom_task_add", "oom_task_num",
                        "oom_task_numbers",
                        "oom_task_row", "oom_pid_comm", "oom_select_line",
                        "oom_killed_line", "oom_oomkill_line",
                        "oom_usage_line", "oom_memcg_stats",
                        "oom_memcg_stat_line", "oom_h_task_in"],
    # json_in.c: no entry, the whole file is its core (every reader of a
    # recording's or snapshot's JSON, the time stamps, the _raw extras)
    # the readers of cpuset node lists
    "src/cpuset.c": ["nodes_parse", "cpuset_parse_nodes", "cpuset_format_nodes",
                     "cpuset_nodes_intersect", "cpuset_nodes_has",
                     "cpuset_nodes_strict_subset", "node_num", "nodes_set"],
}

REPL = {
    "<": ["<=", ">"], "<=": ["<", ">"], ">": [">=", "<"], ">=": [">", "<"],
    "==": ["!="], "!=": ["=="],
    "+": ["-"], "-": ["+"], "*": ["/"], "/": ["*"], "%": ["*"],
    "+=": ["-="], "-=": ["+="], "++": ["--"], "--": ["++"],
    "&&": ["||"], "||": ["&&"], "&": ["|"], "|": ["&"], "^": ["|"],
    "<<": [">>"], ">>": ["<<"], "|=": ["&="], "&=": ["|="],
    "true": ["false"], "false": ["true"],
}
PUNCT = sorted("""<<= >>= -> ++ -- << >> <= >= == != && || += -= *= /= %= &= |=
^= ... < > + - * / % & | ^ ! ~ = ? : ; , . ( ) [ ] { }""".split(),
               key=len, reverse=True)
TYPES = set("""int char const struct unsigned signed long short size_t ssize_t
uint64_t int64_t uint32_t int32_t uint16_t uint8_t bool double float static
enum union void off_t pid_t uid_t va_list FILE DIR time_t""".split())


def sh(cmd, **kw):
    return subprocess.run(cmd, cwd=ROOT, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True, **kw)


def lex(src):
    """Code tokens of C source: (start, end, text, line)."""
    toks, i, n, line = [], 0, len(src), 1
    bol = True
    while i < n:
        c = src[i]
        if c == "\n":
            line += 1
            bol = True
            i += 1
            continue
        if c in " \t\r\f\v":
            i += 1
            continue
        if bol and c == "#":		# a preprocessor line and its continuations
            while i < n and not (src[i] == "\n" and src[i - 1] != "\\"):
                if src[i] == "\n":
                    line += 1
                i += 1
            continue
        bol = False
        if src.startswith("/*", i):
            j = src.find("*/", i + 2)
            j = n if j < 0 else j + 2
            line += src.count("\n", i, j)
            i = j
            continue
        if src.startswith("//", i):
            j = src.find("\n", i)
            i = n if j < 0 else j
            continue
        if c in "\"'":
            j = i + 1
            while j < n and src[j] != c:
                j += 2 if src[j] == "\\" else 1
            toks.append((i, j + 1, src[i:j + 1], line))
            i = j + 1
            continue
        m = re.compile(r"[A-Za-z_]\w*|\d[\w.]*").match(src, i)
        if m:
            toks.append((i, m.end(), m.group(), line))
            i = m.end()
            continue
        for p in PUNCT:
            if src.startswith(p, i):
                toks.append((i, i + len(p), p, line))
                i += len(p)
                break
        else:
            i += 1
    return toks


def functions(src):
    """{name: (first line, last line)} of the functions defined at column 0."""
    out, lines, name, start = {}, src.split("\n"), None, 0
    for no, l in enumerate(lines, 1):
        m = re.match(r"([A-Za-z_]\w*)\(", l)
        if m and name is None and not l.rstrip().endswith(";"):
            name, start = m.group(1), no
        elif l.startswith("}") and name:
            out[name] = (start, no)
            name = None
    return out


def const_mutants(text):
    m = re.fullmatch(r"(0[xX][0-9a-fA-F]+|\d+)([uUlL]*)", text)
    if not m:
        return []
    base = 16 if m.group(1).lower().startswith("0x") else 10
    v = int(m.group(1), base)
    fmt = (lambda x: hex(x)) if base == 16 else str
    vals = [v + 1] + ([v - 1] if v > 0 else []) + ([0] if v not in (0, 1) else [])
    vals += [1] if v == 0 else []
    return [fmt(x) + m.group(2) for x in dict.fromkeys(vals)]


def matching(toks, k):
    """Index of the token closing the bracket opened at toks[k]."""
    depth = 0
    for j in range(k, len(toks)):
        if toks[j][2] in "([{":
            depth += 1
        elif toks[j][2] in ")]}":
            depth -= 1
            if depth == 0:
                return j
    return None


def mutants(src, lo, hi):
    """(line, description, new source) for each mutant within lines lo..hi."""
    toks = lex(src)
    lines = src.split("\n")
    out = []

    def put(k, new, what):
        s, e, t, ln = toks[k]
        out.append((ln, what, src[:s] + new + src[e:]))

    for k, (s, e, t, ln) in enumerate(toks):
        if not lo <= ln <= hi:
            continue
        col = s - src.rfind("\n", 0, s)
        prev = toks[k - 1][2] if k else ""
        if t in REPL:
            # a unary * or & (deref, address) or - has no binary partner
            unary = t in ("*", "&", "-", "+") and (
                prev in PUNCT and prev not in (")", "]") or prev in ("return", "sizeof"))
            if t == "*" and (prev in TYPES or prev == "*" or re.match(r"\w+_t$", prev)
                             or k >= 2 and toks[k - 2][2] in ("struct", "enum", "union")):
                unary = True
            if not unary:
                for r in REPL[t]:
                    put(k, r, "@%d '%s' -> '%s'" % (col, t, r))
        for r in const_mutants(t):
            if prev == "[" and toks[k + 1][2] == "]" and k >= 2 and toks[k - 2][0] < s \
                    and re.match(r"\w", toks[k - 2][2]) and toks[k - 3][2] in TYPES | {"char", "int"}:
                continue		# an array's declared size
            put(k, r, "@%d %s -> %s" % (col, t, r))
        if t in ("if", "while") and k + 1 < len(toks) and toks[k + 1][2] == "(":
            j = matching(toks, k + 1)
            if j is not None:
                a, b = toks[k + 1][1], toks[j][0]
                out.append((ln, "@%d %s negated" % (col, t),
                            src[:a] + "!(" + src[a:b] + ")" + src[b:]))
        # deletion: a whole statement alone on its line
        if prev in (";", "{", "}", ")") or k == 0:
            text = lines[ln - 1]
            stripped = text.strip()
            first_on_line = src.rfind("\n", 0, s) + 1 + (len(text) - len(text.lstrip())) == s
            if not first_on_line or not stripped.endswith(";") or t in TYPES:
                continue
            if prev == ")" and toks[k - 1][3] == ln:
                continue
            end = s + len(stripped)
            body = src[s:end]
            if body.count("(") != body.count(")"):
                continue
            nested = text.startswith("\t\t")
            kind = None
            if t == "return":
                kind = "return" if nested else None
            elif t in ("break", "continue"):
                kind = t
            elif re.match(r"[\w.\->\[\]* ]+\s*([-+*/%&|^]|<<|>>)?=[^=]", body) or \
                    re.match(r"(\+\+|--)?[\w.\->\[\]]+(\+\+|--)?;$", body) or \
                    re.match(r"\w+\(.*\);$", body):
                kind = "statement"
            if kind and re.match(r"\w+\(.*\);$", body) and t in ("assert", "zt_fatal", "abort"):
                kind = None
            if kind:
                out.append((ln, "@%d %s deleted" % (col, kind), src[:s] + ";" + src[end:]))
    return out


class Builder:
    def __init__(self, san=True):
        pc = sh(["pkg-config", "--cflags", "ncursesw", "libproc2", "jansson", "zlib"])
        lb = sh(["pkg-config", "--libs", "ncursesw", "libproc2", "jansson", "zlib"])
        if pc.returncode or lb.returncode:
            sys.exit("mutants: pkg-config failed: " + pc.stdout + lb.stdout)
        self.cc = os.environ.get("CC", "cc")
        self.flags = ["-std=c11", "-D_GNU_SOURCE", '-DZT_VERSION="mut"', "-O0", "-g",
                      "-w", "-iquote", "src", "-iquote", "ui"] + pc.stdout.split()
        if san:
            self.flags += ["-fsanitize=address,undefined", "-fno-sanitize-recover=undefined",
                           "-fno-omit-frame-pointer"]
        self.san = san
        self.libs = lb.stdout.split() + ["-lm", "-lpthread", "-lcmocka"]
        self.objs = {}

    def obj(self, c, out):
        if not os.path.exists(out) or os.path.getmtime(out) < self.newest(c):
            os.makedirs(os.path.dirname(out), exist_ok=True)
            r = sh([self.cc] + self.flags + ["-c", "-o", out, c])
            if r.returncode:
                sys.exit("mutants: cannot build %s:\n%s" % (c, r.stdout))
        return out

    def newest(self, c):
        hs = [os.path.join(ROOT, d, f) for d in ("src", "ui")
              for f in os.listdir(os.path.join(ROOT, d)) if f.endswith(".h")]
        return max([os.path.getmtime(os.path.join(ROOT, c))] + [os.path.getmtime(h) for h in hs])

    def base(self, tests):
        srcs = sorted("%s/%s" % (d, f) for d in ("src", "ui")
                      for f in os.listdir(os.path.join(ROOT, d))
                      if f.endswith(".c") and f != "main.c")
        for c in srcs:
            self.objs[c] = self.obj(c, os.path.join(OUT, "obj", c[:-2] + ".o"))
        for t in tests:
            self.obj("tests/unit/%s.c" % t, os.path.join(OUT, "obj", t + ".o"))

    def link(self, test, replace, mobj, out):
        objs = [mobj if c == replace else o for c, o in sorted(self.objs.items())]
        return sh([self.cc] + self.flags + ["-o", out, os.path.join(OUT, "obj", test + ".o")]
                  + objs + self.libs)

    def shared(self, c, d):
        """The file c (a mutant's copy) built into d/libzt_mut.so; -g0: the
        code is the same with or without -g (GCC's rule), only the DWARF
        is left out, which no verdict reads."""
        flags = [x for x in self.flags if x != "-g"] + ["-g0", "-fPIC", "-shared",
                                                          "-Wl,-soname," + SONAME]
        return sh([self.cc] + flags + ["-o", os.path.join(d, SONAME), c])

    def link_shared(self, test, f, out):
        """test linked once with every object but f's, which it takes from
        libzt_mut.so at run time (LD_LIBRARY_PATH: a mutant's directory);
        -rdynamic exports the other objects' functions to it."""
        objs = [o for c, o in sorted(self.objs.items()) if c != f]
        d = os.path.dirname(out)
        os.makedirs(d, exist_ok=True)
        if self.shared(f, d).returncode:
            sys.exit("mutants: cannot build %s as a shared object" % f)
        return sh([self.cc] + self.flags + ["-rdynamic", "-o", out,
                                            os.path.join(OUT, "obj", test + ".o")]
                  + objs + ["-L" + d, "-l:" + SONAME] + self.libs)


def run_test(path, timeout, whole=False, libdir=None):
    """pass / fail / timeout; whole: without its SKIP; libdir: where its
    libzt_mut.so is (SHARED)."""
    # CMOCKA_TEST_ABORT: the first failing test ends the run (a mutant
    # is killed by one failure; the rest of the binary is not run)
    env = dict(os.environ, CMOCKA_MESSAGE_OUTPUT="TAP", CMOCKA_TEST_ABORT="1",
               ZT_TEST_SKIP="" if whole else SKIP.get(os.path.basename(path), ""),
               ASAN_OPTIONS="detect_leaks=1:abort_on_error=0",
               UBSAN_OPTIONS="halt_on_error=1",
               LSAN_OPTIONS="suppressions=%s/tests/lsan.supp:print_suppressions=0" % ROOT)
    if libdir:
        env["LD_LIBRARY_PATH"] = libdir
    try:
        r = subprocess.run([path], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, timeout=timeout)
    except subprocess.TimeoutExpired:
        return "timeout"
    return "pass" if r.returncode == 0 else "fail"


def one(b, f, tests, m, slots, limit):
    """killed / survived / invalid for one mutant, in a free work slot."""
    slot = slots.get()
    t0 = time.time()
    try:
        return one_in(b, f, tests, m, slot, limit), time.time() - t0
    finally:
        slots.put(slot)


def one_in(b, f, tests, m, slot, limit):
    ln, what, text = m
    d = os.path.join(OUT, "w%d-%d" % (os.getpid(), slot))
    os.makedirs(d, exist_ok=True)
    c = os.path.join(d, os.path.basename(f))
    with open(c, "w") as fh:
        fh.write('#line 1 "%s"\n' % f + text)
    if f in SHARED:			# one shared object, no link per test
        if b.shared(c, d).returncode:
            return "invalid"
        so = os.path.join(OUT, "so%d" % os.getpid())
        for t in tests:
            if run_test(os.path.join(so, t), limit[t], libdir=d) != "pass":
                return "killed"
        for t in tests:			# the slow tests SKIP left out, whole
            if t in SKIP and run_test(os.path.join(so, t), limit[t, "whole"], True,
                                      libdir=d) != "pass":
                return "killed"
        return "survived"
    o = c[:-2] + ".o"
    r = sh([b.cc] + b.flags + ["-c", "-o", o, c])
    if r.returncode:
        return "invalid"
    for t in tests:
        exe = os.path.join(d, t)
        if b.link(t, f, o, exe).returncode:
            return "invalid"
        if run_test(exe, limit[t]) != "pass":
            return "killed"
    for t in tests:			# the slow tests SKIP left out, whole
        if t in SKIP and run_test(os.path.join(d, t), limit[t, "whole"], True) != "pass":
            return "killed"
    return "survived"


def parse_spec(spec):
    f, _, rng = spec.partition(":")
    if f not in TARGETS:
        sys.exit("mutants: %s is not one of %s (add it to TARGETS with its tests)"
                 % (f, ", ".join(TARGETS)))
    src = open(os.path.join(ROOT, f)).read()
    fns = functions(src)
    if not rng and f in CORE:
        rng = ",".join(CORE[f])
    if not rng or rng == "all":
        return f, src, [(1, src.count("\n") + 1)], fns
    ranges = []
    for part in rng.split(","):
        m = re.fullmatch(r"(\d+)-(\d+)", part)
        if m:
            ranges.append((int(m.group(1)), int(m.group(2))))
        elif part in fns:
            ranges.append(fns[part])
        else:
            sys.exit("mutants: no function %s in %s" % (part, f))
    return f, src, ranges, fns


def key(f, src, fns, ln, what):
    fn = next((n for n, (a, z) in fns.items() if a <= ln <= z), "-")
    return "%s: %s: %s :: %s" % (f, fn, src.split("\n")[ln - 1].strip(), what)


def load_equiv():
    eq = {}
    if os.path.exists(EQUIV):
        for l in open(EQUIV):
            if l.strip() and not l.startswith("#"):
                k, _, why = l.rstrip("\n").partition("  ## ")
                eq[k.strip()] = why.strip()
    return eq


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("specs", nargs="*")
    ap.add_argument("-j", "--jobs", type=int, default=int(os.environ.get("MUTANT_JOBS", 1)))
    ap.add_argument("--timeout", type=float, default=20.0,
                    help="seconds per test run at least (5 x the unmutated run if longer)")
    ap.add_argument("--list", action="store_true", help="list the mutants, build nothing")
    ap.add_argument("--no-san", action="store_true", help="build without ASan/UBSan (faster)")
    ap.add_argument("--no-shared", action="store_true",
                    help="link every test per mutant, also for SHARED files (the old way)")
    ap.add_argument("--verdicts", metavar="FILE",
                    help="write each mutant's line, key, verdict (killed/survived/invalid, "
                    "before mutants.equiv is read) and seconds to FILE as it is decided")
    ap.add_argument("--only", metavar="FILE",
                    help="run only the mutants whose key is a line of FILE (a rerun of survivors)")
    a = ap.parse_args()
    if a.no_shared:
        SHARED.clear()
    specs = [parse_spec(s) for s in (a.specs or sorted(TARGETS))]
    eq = load_equiv()
    todo = []
    for f, src, ranges, fns in specs:
        for lo, hi in ranges:
            for m in mutants(src, lo, hi):
                todo.append((f, src, fns, m))
    if a.only:
        want = {l.strip() for l in open(a.only) if l.strip()}
        todo = [t for t in todo if key(t[0], t[1], t[2], t[3][0], t[3][1]) in want]
    if a.list:
        for f, src, fns, (ln, what, _) in todo:
            print("%s:%d: %s" % (f, ln, key(f, src, fns, ln, what)))
        print("%d mutants" % len(todo))
        return 0
    b = Builder(san=not a.no_san)
    tests = sorted({t for f, _, _, _ in specs for t in TARGETS[f]})
    b.base(tests)
    w0 = os.path.join(OUT, "w%d-0" % os.getpid())
    os.makedirs(w0, exist_ok=True)
    limit = {}
    shared = {t for f, _, _, _ in specs if f in SHARED for t in TARGETS[f]}
    for f in {f for f, _, _, _ in specs if f in SHARED}:
        b.shared(f, w0)
    for t in tests:			# the unmutated code must pass first
        exe = os.path.join(w0, t)
        r = b.link(t, None, None, exe)
        if not r.returncode and t in shared:	# and so linked for SHARED files
            r = b.link_shared(t, next(f for f, _, _, _ in specs if f in SHARED and t in TARGETS[f]),
                              os.path.join(OUT, "so%d" % os.getpid(), t))
            if not r.returncode and run_test(os.path.join(OUT, "so%d" % os.getpid(), t),
                                             10 * a.timeout, libdir=w0) != "pass":
                sys.exit("mutants: %s fails with its shared object; fix that first" % t)
        t1 = time.time()
        if r.returncode or run_test(exe, 10 * a.timeout) != "pass":
            sys.exit("mutants: %s fails without a mutant; fix that first\n%s" % (t, r.stdout))
        # a hang is 5 times the unmutated run (a shared machine is slow)
        limit[t] = max(a.timeout, 5 * (time.time() - t1))
        if t in SKIP:
            t1 = time.time()
            if run_test(exe, 100 * a.timeout, True) != "pass":
                sys.exit("mutants: %s (whole) fails without a mutant; fix that first" % t)
            limit[t, "whole"] = max(a.timeout, 5 * (time.time() - t1))
    print("mutants: %d mutants in %s; tests %s; %d job(s)" %
          (len(todo), " ".join(s[0] for s in specs), " ".join(tests), a.jobs), flush=True)
    t0 = time.time()
    stats, survivors, seen = {}, [], set()
    vout = open(a.verdicts, "w") if a.verdicts else None
    with concurrent.futures.ThreadPoolExecutor(a.jobs) as ex:
        slots = queue.Queue()
        for i in range(a.jobs):
            slots.put(i + 1)
        futs = {}
        for f, src, fns, m in todo:
            futs[ex.submit(one, b, f, TARGETS[f], m, slots, limit)] = (f, src, fns, m)
        done = 0
        for fu in concurrent.futures.as_completed(futs):
            f, src, fns, (ln, what, _) = futs[fu]
            res, secs = fu.result()
            if vout:			# as they come: a stopped run keeps them
                vout.write("%s:%d: %s => %s %.1fs\n" % (f, ln, key(f, src, fns, ln, what),
                                                       res, secs))
                vout.flush()
            st = stats.setdefault(f, {"killed": 0, "survived": 0, "invalid": 0, "equiv": 0})
            k = key(f, src, fns, ln, what)
            if res == "survived" and k in eq:
                res = "equiv"
                seen.add(k)
            st[res] += 1
            done += 1
            if res == "survived":
                survivors.append((f, ln, k))
                print("SURVIVED %s:%d: %s" % (f, ln, k), flush=True)
            if done % 50 == 0:
                print("# %d/%d, %.0fs" % (done, len(todo), time.time() - t0), flush=True)
    print("mutants: per file, killed/total (total = killed + survived + equivalent; "
          "mutants that do not compile are not counted)")
    bad = 0
    for f in sorted(stats):
        st = stats[f]
        tot = st["killed"] + st["survived"] + st["equiv"]
        print("  %-18s %4d/%-4d killed, %d survived, %d equivalent (justified), %d invalid"
              % (f, st["killed"], tot, st["survived"], st["equiv"], st["invalid"]))
        bad += st["survived"]
    for f, ln, k in sorted(survivors):
        print("survivor %s:%d\n  %s" % (f, ln, k))
    print("mutants: %d survivors not justified in %s; %.0fs"
          % (bad, os.path.relpath(EQUIV, ROOT), time.time() - t0))
    if vout:
        vout.close()
    for i in range(a.jobs + 1):
        shutil.rmtree(os.path.join(OUT, "w%d-%d" % (os.getpid(), i)), ignore_errors=True)
    shutil.rmtree(os.path.join(OUT, "so%d" % os.getpid()), ignore_errors=True)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
