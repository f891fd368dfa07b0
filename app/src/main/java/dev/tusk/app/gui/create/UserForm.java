package dev.tusk.app.gui.create;

import dev.tusk.runtime.model.ClusterSpec;
import java.util.Arrays;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;

/**
 * A database user as the wizard edits it: its name, its databases and role options, each list typed comma-separated
 * ("app, reports"; "CREATEDB, CONNECTION LIMIT 20"). The first user follows the cluster's name (user and database
 * named like the cluster, as PGO does) until either field is edited.
 */
public final class UserForm {

    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty databases = new SimpleStringProperty("");
    private final StringProperty options = new SimpleStringProperty("");
    private final BooleanProperty followsClusterName = new SimpleBooleanProperty();

    public UserForm(String name, String databases, boolean followsClusterName) {
        this.name.set(name);
        this.databases.set(databases);
        this.followsClusterName.set(followsClusterName);
    }

    ObservableValue<?>[] dependencies() {
        return new ObservableValue<?>[] {name, databases, options};
    }

    ClusterSpec.UserSpec toSpec() {
        return new ClusterSpec.UserSpec(InstanceSetForm.blankToNull(name.get()), split(databases.get()), split(options.get()));
    }

    /** Comma-separated text as a list: entries trimmed, empty entries dropped. */
    static List<String> split(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty databasesProperty() {
        return databases;
    }

    public StringProperty optionsProperty() {
        return options;
    }

    /** Whether name and database still follow the cluster's name. */
    public BooleanProperty followsClusterNameProperty() {
        return followsClusterName;
    }
}
