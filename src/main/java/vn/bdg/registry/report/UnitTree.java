package vn.bdg.registry.report;

import vn.bdg.registry.unit.AdminUnit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A province's units as a tree, for one report: which row (the report's unit itself or one of its
 * children: the drill-down) each unit's records count in, and, when asked, old units counted as
 * their successors (the 2025 reorganisation merged communes and abolished districts). Successors are
 * followed as far as the report's unit: a report of an old unit counts its own records and those of
 * the units merged into it, not the unit that later took it over.
 */
final class UnitTree {
    private static final int MAX_CHAIN = 10;
    private final Map<String, AdminUnit> units = new HashMap<>();

    UnitTree(List<AdminUnit> all) {
        all.forEach(u -> units.put(u.code(), u));
    }

    boolean contains(String code) {
        return units.containsKey(code);
    }

    String name(String code) {
        AdminUnit u = units.get(code);
        return u == null ? code : u.name();
    }

    /**
     * The rows of a breakdown by unit: the unit itself, then its children (when mapping, only current
     * ones, and those of the units it took over).
     */
    List<String> rows(String root, boolean mapSuccessors) {
        List<String> rows = new ArrayList<>(List.of(root));
        units.values().stream()
                .filter(u -> root.equals(parentCode(u, root, mapSuccessors)) && !(mapSuccessors && hasSuccessor(u)))
                .map(AdminUnit::code).sorted().forEach(rows::add);
        return rows;
    }

    /** Every unit whose records belong in a report of root, with its row and level. */
    IndicatorRepository.Units map(String root, boolean mapSuccessors, boolean withoutUnit) {
        List<String> codes = new ArrayList<>();
        List<String> buckets = new ArrayList<>();
        List<String> levels = new ArrayList<>();
        for (AdminUnit u : units.values()) {
            AdminUnit counted = mapSuccessors ? latest(u, root) : u;
            String bucket = bucket(counted, root, mapSuccessors);
            if (bucket != null) {
                codes.add(u.code());
                buckets.add(bucket);
                levels.add(counted.level());
            }
        }
        return new IndicatorRepository.Units(codes.toArray(String[]::new), buckets.toArray(String[]::new),
                levels.toArray(String[]::new), withoutUnit);
    }

    private boolean hasSuccessor(AdminUnit u) {
        return u.successorCode() != null && units.containsKey(u.successorCode());
    }

    /**
     * The unit that took over from u (u itself if none), following successors within the province,
     * but not beyond the report's unit.
     */
    private AdminUnit latest(AdminUnit u, String root) {
        AdminUnit current = u;
        for (int i = 0; i < MAX_CHAIN && hasSuccessor(current) && !current.code().equals(root); i++) {
            current = units.get(current.successorCode());
        }
        return current;
    }

    /**
     * root, or the child of root that u is in or under; null when u is not under root. When mapping,
     * every unit on the way up counts as its successor: a commune of a district merged into another
     * is a commune of that other district.
     */
    private String bucket(AdminUnit u, String root, boolean mapSuccessors) {
        AdminUnit current = u;
        for (int i = 0; i < MAX_CHAIN && current != null; i++) {
            if (current.code().equals(root)) {
                return root;
            }
            if (root.equals(parentCode(current, root, mapSuccessors))) {
                return current.code();
            }
            current = current.parentCode() == null ? null : units.get(parentCode(current, root, mapSuccessors));
        }
        return null;
    }

    /** u's parent, or when mapping the unit that took over from it. */
    private String parentCode(AdminUnit u, String root, boolean mapSuccessors) {
        AdminUnit parent = u.parentCode() == null ? null : units.get(u.parentCode());
        return parent != null && mapSuccessors ? latest(parent, root).code() : u.parentCode();
    }
}
