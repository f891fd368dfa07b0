package dev.tusk.app.gui;

import dev.tusk.app.gui.app.AppServices;
import dev.tusk.app.gui.frame.MainViewModel;
import dev.tusk.app.gui.frame.MainWindowView;
import dev.tusk.app.gui.preferences.UiPreferences;
import dev.tusk.app.gui.theme.ThemeManager;
import dev.tusk.app.logic.i18n.Messages;
import java.util.Locale;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * The desktop app. {@code tusk gui} starts it through {@link #launchApp(String[])}; tests open the same window with
 * their own services through {@link #open(Stage, AppServices, Locale)}.
 */
public final class TuskApplication extends Application {

    private MainViewModel viewModel;

    /** Entry point used by {@code dev.tusk.app.Launcher} (reflectively, so the CLI never loads JavaFX). */
    public static void launchApp(String[] args) {
        Application.launch(TuskApplication.class, args);
    }

    @Override
    public void start(Stage stage) {
        viewModel = open(stage, AppServices.standard(UiPreferences.userPreferences()), Locale.getDefault());
    }

    @Override
    public void stop() {
        if (viewModel != null) {
            viewModel.shutdown();
        }
    }

    /**
     * Builds the main window on {@code stage} and shows it: language from the preferences or {@code systemLocale},
     * theme from the preferences; switching either rebuilds the window's content in place.
     */
    public static MainViewModel open(Stage stage, AppServices services, Locale systemLocale) {
        MainViewModel viewModel = new MainViewModel(services, systemLocale);
        Scene scene = new Scene(new javafx.scene.layout.StackPane(), 1280, 800);
        Window window = new Window(stage, scene, viewModel);
        window.rebuild();
        viewModel.localeProperty().addListener((obs, old, now) -> window.rebuild());
        viewModel.themeProperty().addListener((obs, old, now) -> window.restyle());
        stage.setScene(scene);
        stage.setMinWidth(960);
        stage.setMinHeight(600);
        stage.show();
        viewModel.start();
        return viewModel;
    }

    /** Holds the current view so a language switch can dispose it and build the next. */
    private static final class Window {
        private final Stage stage;
        private final Scene scene;
        private final MainViewModel viewModel;
        private MainWindowView view;

        Window(Stage stage, Scene scene, MainViewModel viewModel) {
            this.stage = stage;
            this.scene = scene;
            this.viewModel = viewModel;
        }

        void rebuild() {
            if (view != null) {
                view.dispose();
            }
            Messages messages = Messages.forLocale(viewModel.localeProperty().get());
            view = new MainWindowView(viewModel, messages);
            scene.setRoot(view.root());
            stage.setTitle(messages.text("app.title"));
            restyle();
        }

        void restyle() {
            ThemeManager.apply(scene, viewModel.themeProperty().get(), viewModel.localeProperty().get());
        }
    }
}
