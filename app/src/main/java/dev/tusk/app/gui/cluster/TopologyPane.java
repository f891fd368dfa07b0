package dev.tusk.app.gui.cluster;

import dev.tusk.app.gui.common.Texts;
import dev.tusk.app.gui.theme.Styles;
import dev.tusk.app.logic.i18n.Messages;
import dev.tusk.app.model.ClusterTopology;
import dev.tusk.app.model.PodPhase;
import dev.tusk.app.model.Role;
import dev.tusk.app.model.TopologyMember;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.shape.CubicCurve;

/**
 * The topology picture: the primary (the lease holder) on top, every other member below, and a line from the
 * primary to each member that replicates from it — solid while it streams, dashed while it does not, accented for a
 * synchronous standby. Each member is a card with its pod, role, timeline, lag (bytes and seconds), pod phase,
 * readiness, restarts, node and its agent's last decision. Colours come from style classes only.
 */
public final class TopologyPane extends Region {

    static final double CARD_WIDTH = 340;
    static final double H_GAP = 28;
    static final double V_GAP = 46;
    static final double PADDING = 12;

    private final Messages messages;
    private final List<Node> cards = new ArrayList<>();
    private final List<CubicCurve> lines = new ArrayList<>();
    private Node primaryCard;
    private final Label empty = new Label();

    public TopologyPane(Messages messages) {
        this.messages = messages;
        getStyleClass().add("topology-pane");
        empty.getStyleClass().add("topology-empty");
        setMinHeight(240);
    }

    /** Shows a topology: rebuilds the cards and lines (a handful of nodes, about once a second at most). */
    public void show(ClusterTopology t) {
        getChildren().clear();
        cards.clear();
        lines.clear();
        primaryCard = null;
        if (t == null || t.members().isEmpty()) {
            empty.setText(messages.text(t == null || t.watch() == dev.tusk.app.model.WatchState.STARTING
                    ? "cluster.topology.loading" : "cluster.topology.noMembers"));
            getChildren().add(empty);
            requestLayout();
            return;
        }
        TopologyMember primary = t.leader().orElse(null);
        if (primary == null) {
            Label noPrimary = new Label(messages.text("cluster.topology.noPrimary"));
            noPrimary.getStyleClass().addAll("member-card", "member-placeholder");
            noPrimary.setWrapText(true);
            noPrimary.setPrefWidth(CARD_WIDTH);
            primaryCard = noPrimary;
        } else {
            primaryCard = card(t, primary);
        }
        getChildren().add(primaryCard);
        for (TopologyMember m : t.members()) {
            if (primary != null && m.pod().equals(primary.pod())) {
                continue;
            }
            CubicCurve line = new CubicCurve();
            line.getStyleClass().add("replication-line");
            line.getStyleClass().add(lineState(t, m));
            line.setId("line-" + m.pod());
            lines.add(line);
            Node card = card(t, m);
            cards.add(card);
        }
        getChildren().addAll(lines);
        getChildren().addAll(cards);
        requestLayout();
    }

    static String lineState(ClusterTopology t, TopologyMember m) {
        boolean streaming = t.leaseHolder() != null && m.role() == Role.REPLICA && m.ready() && m.phase() == PodPhase.RUNNING;
        if (!streaming) {
            return "line-broken";
        }
        return t.syncStandbys().contains(m.pod()) ? "line-sync" : "line-streaming";
    }

    private Node card(ClusterTopology t, TopologyMember m) {
        VBox card = new VBox(4);
        card.setId("member-" + m.pod());
        card.getStyleClass().addAll("member-card", "member-" + m.role().name().toLowerCase(Locale.ROOT));
        if (!m.ready()) {
            card.getStyleClass().add("member-not-ready");
        }
        if (m.phase() == PodPhase.MISSING) {
            card.getStyleClass().add("member-missing");
        }
        card.setPrefWidth(CARD_WIDTH);
        card.setMaxWidth(CARD_WIDTH);

        Label name = new Label(m.pod());
        name.getStyleClass().add("member-name");
        name.setMinWidth(Region.USE_PREF_SIZE);
        card.getChildren().add(name);

        Label role = new Label(messages.text("role." + m.role().name().toLowerCase(Locale.ROOT)));
        role.getStyleClass().addAll(Styles.BADGE, Styles.role(m.role()), "member-role");
        FlowPane badges = new FlowPane(6, 4, role);
        if (t.syncStandbys().contains(m.pod())) {
            badges.getChildren().add(badge("cluster.member.sync", Styles.BADGE, "badge-sync"));
        }
        if (m.leaseHolder()) {
            badges.getChildren().add(badge("cluster.member.lease", "member-flag", "flag-lease"));
        }
        if (m.routed()) {
            badges.getChildren().add(badge("cluster.member.routed", "member-flag", "flag-routed"));
        }
        if (Boolean.TRUE.equals(m.pendingRestart())) {
            badges.getChildren().add(badge("cluster.member.pendingRestart", "member-flag", "flag-pending"));
        }
        card.getChildren().add(badges);

        Label where = new Label(join(m.instanceSet(), m.node(), m.podIp()));
        where.getStyleClass().add("member-where");
        card.getChildren().add(where);

        GridPane facts = new GridPane();
        facts.setHgap(14);
        facts.setVgap(2);
        facts.getStyleClass().add("member-facts");
        fact(facts, 0, "cluster.member.timeline", m.timeline() == null ? "—" : String.valueOf(m.timeline()), "fact-timeline");
        fact(facts, 1, "cluster.member.lag", lag(t, m), "fact-lag");
        fact(facts, 2, "cluster.member.restarts", String.valueOf(m.restarts()), "fact-restarts");
        card.getChildren().add(facts);

        Label phase = new Label("● " + messages.text("phase." + m.phase().name().toLowerCase(Locale.ROOT)));
        phase.getStyleClass().addAll(Styles.PHASE, Styles.phase(m.phase()), "member-phase");
        Label ready = new Label(messages.text(m.ready() ? "cluster.member.ready" : "cluster.member.notReady"));
        ready.getStyleClass().addAll("member-ready", m.ready() ? "ready-yes" : "ready-no");
        HBox status = new HBox(10, phase, ready);
        if (m.state() != null && !m.state().isBlank()) {
            Label state = new Label(messages.text("cluster.member.postgres", pgState(m.state())));
            state.getStyleClass().add("member-state");
            status.getChildren().add(state);
        }
        status.setAlignment(Pos.CENTER_LEFT);
        card.getChildren().add(status);

        if (m.lastDecision() != null && !m.lastDecision().isBlank()) {
            Label decision = new Label(messages.decision(m.lastDecision()));
            decision.getStyleClass().add("member-decision");
            decision.setTooltip(new Tooltip(Texts.decisionTooltip(decision.getText(), m.lastDecision())));
            card.getChildren().add(decision);
        }
        return card;
    }

    /** The agent's word for its PostgreSQL state, in the view's language when it is one Tusk knows. */
    private String pgState(String state) {
        String key = "cluster.member.pg." + state.toLowerCase(Locale.ROOT);
        String text = messages.text(key);
        return text.equals(key) ? state : text;
    }

    private Label badge(String key, String... styleClasses) {
        Label label = new Label(messages.text(key));
        label.getStyleClass().addAll(styleClasses);
        return label;
    }

    private String lag(ClusterTopology t, TopologyMember m) {
        if (m.pod().equals(t.leaseHolder())) {
            return messages.text("cluster.member.lagPrimary");
        }
        if (m.lagBytes() == null && m.lagSeconds() == null) {
            return "—";
        }
        String bytes = m.lagBytes() == null ? "—" : Texts.bytes(m.lagBytes());
        String seconds = m.lagSeconds() == null ? "—" : String.format(Locale.ROOT, "%.1f s", m.lagSeconds());
        return bytes + " · " + seconds;
    }

    private void fact(GridPane grid, int column, String key, String value, String styleClass) {
        Label label = new Label(messages.text(key));
        label.getStyleClass().add("fact-label");
        Label text = new Label(value);
        text.getStyleClass().addAll("fact-value", styleClass);
        text.setMinWidth(Region.USE_PREF_SIZE);
        grid.add(label, column, 0);
        grid.add(text, column, 1);
    }

    static String join(String... parts) {
        List<String> present = new ArrayList<>();
        for (String p : parts) {
            if (p != null && !p.isBlank()) {
                present.add(p);
            }
        }
        return String.join(" · ", present);
    }

    private int perRow(double width) {
        return Math.max(1, (int) ((width - 2 * PADDING + H_GAP) / (CARD_WIDTH + H_GAP)));
    }

    @Override
    protected double computePrefHeight(double width) {
        if (primaryCard == null) {
            return 240;
        }
        double w = width > 0 ? width : getWidth();
        int perRow = perRow(w <= 0 ? 1200 : w);
        double top = primaryCard.prefHeight(CARD_WIDTH);
        double rowHeight = cards.stream().mapToDouble(c -> c.prefHeight(CARD_WIDTH)).max().orElse(0);
        int rows = (cards.size() + perRow - 1) / perRow;
        return PADDING * 2 + top + rows * (V_GAP + rowHeight);
    }

    @Override
    protected double computePrefWidth(double height) {
        int n = Math.max(1, cards.size());
        return PADDING * 2 + Math.min(n, 4) * CARD_WIDTH + (Math.min(n, 4) - 1) * H_GAP;
    }

    @Override
    protected void layoutChildren() {
        Insets insets = getInsets();
        double width = getWidth() - insets.getLeft() - insets.getRight();
        if (primaryCard == null) {
            empty.resizeRelocate(insets.getLeft() + PADDING, insets.getTop() + PADDING, width - 2 * PADDING,
                    empty.prefHeight(width - 2 * PADDING));
            return;
        }
        double topHeight = primaryCard.prefHeight(CARD_WIDTH);
        double px = insets.getLeft() + (width - CARD_WIDTH) / 2;
        double py = insets.getTop() + PADDING;
        primaryCard.resizeRelocate(px, py, CARD_WIDTH, topHeight);
        double startX = px + CARD_WIDTH / 2;
        double startY = py + topHeight;

        int perRow = perRow(width);
        double rowHeight = cards.stream().mapToDouble(c -> c.prefHeight(CARD_WIDTH)).max().orElse(0);
        for (int i = 0; i < cards.size(); i++) {
            int row = i / perRow;
            int inRow = Math.min(perRow, cards.size() - row * perRow);
            int column = i % perRow;
            double rowWidth = inRow * CARD_WIDTH + (inRow - 1) * H_GAP;
            double x = insets.getLeft() + (width - rowWidth) / 2 + column * (CARD_WIDTH + H_GAP);
            double y = startY + V_GAP + row * (rowHeight + V_GAP);
            Node card = cards.get(i);
            card.resizeRelocate(x, y, CARD_WIDTH, rowHeight);
            CubicCurve line = lines.get(i);
            double endX = x + CARD_WIDTH / 2;
            line.setStartX(startX);
            line.setStartY(startY);
            line.setControlX1(startX);
            line.setControlY1(startY + V_GAP * 0.6);
            line.setControlX2(endX);
            line.setControlY2(y - V_GAP * 0.6);
            line.setEndX(endX);
            line.setEndY(y);
        }
    }
}
