namespace Qomon.Client.Upsert
{
    /// <summary>Auto's choice for one record, and whether that record is the probe the others wait for (WriteMethodMeter.ChooseAsync).</summary>
    public readonly struct MethodChoice
    {
        public MethodChoice(WriteMethod method, bool isProbe)
        {
            Method = method;
            IsProbe = isProbe;
        }

        public WriteMethod Method { get; }
        public bool IsProbe { get; }
    }
}
