package org.ecobureau.oversight.supervision;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.ecobureau.oversight.calendar.WorkingDayCalendar;
import org.ecobureau.oversight.escalation.CaseRepository;
import org.ecobureau.oversight.escalation.SupervisionLetters;
import org.ecobureau.oversight.web.ApiUser;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The supervision board behind the Cockpit plugin: {@code GET /api/supervision/board} (county ×
 * status counts and on-time rates), {@code .../board/items} (the items behind a cell, filtered by
 * {@code county}, {@code kind} KT/RI and {@code level}), {@code .../board/items.xlsx} (the same
 * list as a ledger, titled and named by its filter), one item for the read-only item page
 * ({@code .../items/{key}}), a case's escalation history, and supervision letters as Word documents.
 */
@RestController
@RequestMapping("/api/supervision")
public class BoardController {

  private final BoardService board;
  private final CaseRepository cases;
  private final SupervisionLetters letters;
  private final WorkingDayCalendar calendar;
  private final SupervisionItemService itemService;

  public BoardController(BoardService board, CaseRepository cases, SupervisionLetters letters,
      WorkingDayCalendar calendar, SupervisionItemService itemService) {
    this.itemService = itemService;
    this.board = board;
    this.cases = cases;
    this.letters = letters;
    this.calendar = calendar;
  }

  @GetMapping(path = "/board", produces = MediaType.APPLICATION_JSON_VALUE)
  public BoardService.Board board(HttpServletRequest request) {
    return board.board(board.scopeOf(user(request)));
  }

  @GetMapping(path = "/board/items", produces = MediaType.APPLICATION_JSON_VALUE)
  public List<BoardService.Item> items(HttpServletRequest request, @RequestParam(required = false) String county,
      @RequestParam(required = false) String kind, @RequestParam(required = false) String level,
      @RequestParam(required = false) String reason,
      @RequestParam(defaultValue = "200") int limit, @RequestParam(defaultValue = "0") int offset) {
    return board.items(board.scopeOf(user(request)), county, kind, level, reason, limit, offset);
  }

  /**
   * The item list as a ledger (督办台账). A filtered list says so in the sheet's title and in the
   * file name, e.g. 督办台账（筛选：安定区·逾期未报）-2026-12-02.xlsx; the filter values are checked
   * (400 for an unknown one) before anything is read.
   */
  @GetMapping(path = "/board/items.xlsx")
  public ResponseEntity<byte[]> ledger(HttpServletRequest request, @RequestParam(required = false) String county,
      @RequestParam(required = false) String kind, @RequestParam(required = false) String level,
      @RequestParam(required = false) String reason) {
    var scope = board.scopeOf(user(request));
    String filter = board.filterLabel(county, kind, level, reason);
    var items = board.items(scope, county, kind, level, reason, 100_000, 0);
    var today = calendar.today();
    return ResponseEntity.ok()
        .header(HttpHeaders.CONTENT_DISPOSITION, org.ecobureau.oversight.web.Downloads.attachment(ledgerFileName(filter, today)))
        .contentType(MediaType.parseMediaType(BoardLedgerWorkbook.CONTENT_TYPE))
        .body(BoardLedgerWorkbook.toBytes(ledgerTitle(filter, today), items));
  }

  /** 督办台账（截至 2026年12月2日）, or 督办台账（筛选：安定区·逾期未报；截至 2026年12月2日）; the file name keeps ISO dates (they sort). */
  static String ledgerTitle(String filter, java.time.LocalDate asOf) {
    return "督办台账（" + (filter.isEmpty() ? "" : "筛选：" + filter + "；") + "截至 "
        + org.ecobureau.oversight.escalation.EscalationNotices.DAY.format(asOf) + "）";
  }

  /** 督办台账-2026-12-02.xlsx, or 督办台账（筛选：安定区·逾期未报）-2026-12-02.xlsx. */
  static String ledgerFileName(String filter, java.time.LocalDate asOf) {
    return "督办台账" + (filter.isEmpty() ? "" : "（筛选：" + filter + "）") + "-" + asOf + ".xlsx";
  }

  /**
   * One item for the board's read-only item page: 404 when there is no such item, 403 when the
   * caller may not see it on the board.
   */
  @GetMapping(path = "/items/{businessKey}", produces = MediaType.APPLICATION_JSON_VALUE)
  public SupervisionItemService.ItemView item(HttpServletRequest request, @PathVariable String businessKey) {
    return itemService.item(board.scopeOf(user(request)), businessKey);
  }

  /** A case's warning-level history, for those who may see the case on the board. */
  @GetMapping(path = "/cases/{businessKey}/escalations", produces = MediaType.APPLICATION_JSON_VALUE)
  public List<CaseRepository.EscalationEvent> escalations(HttpServletRequest request, @PathVariable String businessKey) {
    visible(request, businessKey);
    return cases.events(businessKey);
  }

  @GetMapping(path = "/cases/{businessKey}/letters", produces = MediaType.APPLICATION_JSON_VALUE)
  public List<SupervisionLetters.Letter> letters(HttpServletRequest request, @PathVariable String businessKey) {
    visible(request, businessKey);
    return letters.letters(businessKey);
  }

  @GetMapping(path = "/letters/{id}.docx")
  public ResponseEntity<byte[]> letter(HttpServletRequest request, @PathVariable String id) {
    var letter = letters.find(id).orElseThrow(() -> new IllegalArgumentException("没有督办函 " + id));
    visible(request, letter.businessKey());
    return ResponseEntity.ok()
        .header(HttpHeaders.CONTENT_DISPOSITION, org.ecobureau.oversight.web.Downloads.attachment(letter.letterNo() + ".docx"))
        .contentType(MediaType.parseMediaType(
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document"))
        .body(letters.docx(letter));
  }

  private void visible(HttpServletRequest request, String businessKey) {
    var scope = board.scopeOf(user(request));
    if (!cases.find(businessKey).filter(scope::covers).isPresent()) {
      throw new IllegalArgumentException("没有事项 " + businessKey);
    }
  }

  private static ApiUser user(HttpServletRequest request) {
    return (ApiUser) request.getAttribute(ApiUser.ATTRIBUTE);
  }
}
