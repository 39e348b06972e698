namespace Ferry.Schema;

/// <summary>Views in an order a target can create them in: each after the views it reads.</summary>
public static class ViewOrder
{
    /// <summary>
    /// Each view after the views its <see cref="View.Reads"/> names, else in the order given. By name: a name two
    /// schemas share puts both views first. A cycle (which no engine lets one build) ends where it closes.
    /// </summary>
    public static IReadOnlyList<View> Of(IReadOnlyList<View> views)
    {
        var byName = views.ToLookup(v => v.Name, StringComparer.Ordinal);
        var placed = new HashSet<View>(ReferenceEqualityComparer.Instance);
        var ordered = new List<View>();
        void Place(View view)
        {
            if (!placed.Add(view)) return;
            foreach (var read in view.Reads)
                foreach (var other in byName[read]) Place(other);
            ordered.Add(view);
        }
        foreach (var view in views) Place(view);
        return ordered;
    }
}
