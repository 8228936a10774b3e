using System.Text.Json.Nodes;
using Qomon.Client.Model;
using Qomon.Client.Writing;
using Xunit;

namespace Qomon.Client.Tests.Writing
{
    /// <summary>-Replace's "would clear" list is decided on values, not on how they are displayed.</summary>
    public sealed class ReplacePreviewTests
    {
        [Fact]
        public void FieldsThatHoldNoValueAreNotNamedAsCleared()
        {
            var current = new JsonObject
            {
                ["firstname"] = "Ann", ["mobile_invalid"] = false, ["action_ids"] = new JsonArray(), ["extra"] = new JsonObject(), ["phone"] = "",
            };
            var replacement = new JsonObject { ["firstname"] = "Ann" };

            var preview = ReplacePreview.Of(current, replacement, FormCatalog.Empty);

            Assert.Empty(preview.Cleared);
            Assert.Empty(preview.Differences);
        }

        [Fact]
        public void FieldsThatHoldAValueAreNamedEvenWhenItLooksEmptyWhenDisplayed()
        {
            var current = new JsonObject
            {
                ["firstname"] = "Ann", ["mobile"] = "+33 6 10 20 30 40", ["nickname"] = "[]", ["black_list"] = true, ["score"] = 0,
            };
            var replacement = new JsonObject { ["firstname"] = "Ann" };

            var preview = ReplacePreview.Of(current, replacement, FormCatalog.Empty);

            Assert.Equal(new[] { "mobile", "nickname", "black_list", "score" }.OrderBy(x => x), preview.Cleared.OrderBy(x => x));
        }

        [Fact]
        public void ARemovedTagIsNamedByItsName()
        {
            var current = new JsonObject { ["tags"] = new JsonArray(new JsonObject { ["name"] = "donor" }) };
            var replacement = new JsonObject { ["tags"] = new JsonArray() };

            Assert.Equal(new[] { "tags[donor]" }, ReplacePreview.Of(current, replacement, FormCatalog.Empty).Cleared);
        }
    }
}
