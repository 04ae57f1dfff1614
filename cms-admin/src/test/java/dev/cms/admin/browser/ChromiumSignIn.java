package dev.cms.admin.browser;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;

/** Signs a user in through the admin's login form, as a person does, in the browser given. */
final class ChromiumSignIn {

    private ChromiumSignIn() {
    }

    /** Fills in and sends the form on the login page already open, then waits for the article list. */
    static void submitLogin(WebDriver browser, String username, String password) {
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.cssSelector("form[action='/admin/login'] button[type=submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> d.getCurrentUrl().endsWith("/admin/articles"));
    }

    /** Opens the login page of the node at {@code base} and signs in. */
    static void signIn(WebDriver browser, String base, String username, String password) {
        browser.get(base + "/admin/login");
        submitLogin(browser, username, password);
    }
}
