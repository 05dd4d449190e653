using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace Generated.Browser.Tests;

/// <summary>Debian's Chromium, headless, through Debian's chromedriver (both installed by scripts/setup.sh).</summary>
internal static class HeadlessChromium
{
    private const string Browser = "/usr/bin/chromium";
    private const string Driver = "/usr/bin/chromedriver";

    /// <summary>A fresh browser with its own profile folder; the caller disposes both.</summary>
    public static (ChromeDriver Driver, string Profile) Start()
    {
        foreach (var path in new[] { Browser, Driver })
        {
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"{path} is missing: run scripts/setup.sh (it installs chromium and chromium-driver).", path);
            }
        }
        var profile = Path.Combine(Path.GetTempPath(), "digitpad-chromium-" + Guid.NewGuid().ToString("N"));
        var options = new ChromeOptions { BinaryLocation = Browser };
        options.AddArguments(
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1000,720", $"--user-data-dir={profile}");
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(Driver)!, Path.GetFileName(Driver));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        return (new ChromeDriver(service, options, TimeSpan.FromMinutes(2)), profile);
    }

    /// <summary>Polls until <paramref name="condition"/> holds; fails with <paramref name="what"/> and the page's state otherwise.</summary>
    public static void WaitUntil(IWebDriver driver, Func<bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                if (condition())
                {
                    return;
                }
            }
            catch (Exception error) when (error is NoSuchElementException or StaleElementReferenceException)
            {
                // The page is still being (re)rendered.
            }
            if (DateTime.UtcNow > deadline)
            {
                var body = driver.FindElement(By.TagName("body")).Text;
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0} s waiting for {what}. Page text:\n{body}");
            }
            Thread.Sleep(50);
        }
    }
}
