import Foundation

/// A line chart drawn as inline SVG, so the HTML report needs no script and no network.
///
/// Axes get "nice" ticks (1, 2, 5 times a power of ten). The percentile scale puts p at
/// log10(1 / (1 - p)), HdrHistogram's plotting convention: 90% at 1, 99% at 2, 99.9% at 3 ...,
/// which gives the tail as much room as the body.
struct SVGLineChart {
    enum XScale { case linear, percentile }
    /// Latencies span microseconds to tens of milliseconds in one run: on a linear axis everything below the
    /// tail sits on zero (seen in the first screenshots), so latency charts use a log10 axis.
    enum YScale { case linear, logarithmic }

    struct Series {
        var name: String
        var points: [(x: Double, y: Double)]
    }

    var id: String
    var title: String
    var xLabel: String
    var yLabel: String
    var xScale: XScale = .linear
    var yScale: YScale = .linear
    var yFormat: (Double) -> String
    var xFormat: (Double) -> String = { NumberText.fixed($0, places: $0.rounded() == $0 ? 0 : 1) }
    var series: [Series]

    static let palette = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"]
    private let width = 900.0, height = 360.0
    private let left = 80.0, right = 300.0, top = 36.0, bottom = 52.0

    func svg() -> String {
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        let allPoints = series.flatMap(\.points).filter { $0.x.isFinite && $0.y.isFinite }
        var out = "<svg id=\"\(HTMLText.escape(id))\" class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(HTMLText.escape(title))\">\n"
        out += "<title>\(HTMLText.escape(title))</title>\n"
        out += text(x: width / 2 - right / 2 + left / 2, y: 20, title, anchor: "middle", attributes: "class=\"chart-title\"")
        guard !allPoints.isEmpty else {
            out += text(x: left + plotWidth / 2, y: top + plotHeight / 2, "no data", anchor: "middle")
            return out + "</svg>\n"
        }
        let xMaxData = allPoints.map(\.x).max()!, xMinData = allPoints.map(\.x).min()!
        let yMaxData = allPoints.map(\.y).max()!
        let xTicks: [Double]
        switch xScale {
        case .percentile: xTicks = Array(0...max(1, Int(xMaxData.rounded(.up)))).map(Double.init)
        case .linear: xTicks = Self.niceTicks(from: min(0, xMinData), to: xMaxData)
        }
        let yTicks: [Double]
        let yMinPositive = allPoints.map(\.y).filter { $0 > 0 }.min() ?? 1
        switch yScale {
        case .linear: yTicks = Self.niceTicks(from: 0, to: yMaxData)
        case .logarithmic:
            let low = Foundation.floor(Foundation.log10(yMinPositive)), high = Swift.max(low + 1, Foundation.ceil(Foundation.log10(Swift.max(yMaxData, yMinPositive))))
            yTicks = stride(from: low, through: high, by: 1).map { Foundation.pow(10, $0) }
        }
        let (x0, x1) = (xTicks.first!, max(xTicks.last!, xTicks.first! + 1e-9))
        func yPosition(_ y: Double) -> Double {
            yScale == .linear ? y : Foundation.log10(Swift.max(y, yTicks.first!))
        }
        let (y0, y1) = (yPosition(yTicks.first!), max(yPosition(yTicks.last!), yPosition(yTicks.first!) + 1e-9))
        func px(_ x: Double) -> Double { left + (x - x0) / (x1 - x0) * plotWidth }
        func py(_ y: Double) -> Double { top + plotHeight - (yPosition(y) - y0) / (y1 - y0) * plotHeight }

        out += "<g class=\"grid\">\n"
        for tick in yTicks {
            out += line(left, py(tick), left + plotWidth, py(tick))
            out += text(x: left - 6, y: py(tick) + 4, yFormat(tick), anchor: "end")
        }
        for tick in xTicks {
            out += line(px(tick), top, px(tick), top + plotHeight)
            let label = xScale == .percentile ? Self.percentileLabel(tick) : xFormat(tick)
            out += text(x: px(tick), y: top + plotHeight + 16, label, anchor: "middle")
        }
        out += "</g>\n"
        out += "<rect class=\"frame\" stroke=\"#888\" x=\"\(f(left))\" y=\"\(f(top))\" width=\"\(f(plotWidth))\" height=\"\(f(plotHeight))\" fill=\"none\"/>\n"
        out += text(x: left + plotWidth / 2, y: height - 10, xLabel, anchor: "middle")
        out += "<text x=\"16\" y=\"\(f(top + plotHeight / 2))\" text-anchor=\"middle\" transform=\"rotate(-90 16 \(f(top + plotHeight / 2)))\">\(HTMLText.escape(yLabel))</text>\n"
        for (index, entry) in series.enumerated() {
            let color = Self.palette[index % Self.palette.count]
            let points = entry.points.filter { $0.x.isFinite && $0.y.isFinite }
            let coordinates = points.map { "\(f(px($0.x))),\(f(py($0.y)))" }.joined(separator: " ")
            out += "<polyline class=\"series\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\" points=\"\(coordinates)\"><title>\(HTMLText.escape(entry.name))</title></polyline>\n"
            if points.count == 1, let point = points.first {
                out += "<circle cx=\"\(f(px(point.x)))\" cy=\"\(f(py(point.y)))\" r=\"3\" fill=\"\(color)\"/>\n"
            }
            let legendY = top + 12 + Double(index) * 18
            out += "<rect x=\"\(f(width - right + 14))\" y=\"\(f(legendY - 9))\" width=\"12\" height=\"12\" fill=\"\(color)\"/>\n"
            out += text(x: width - right + 32, y: legendY + 1, entry.name, anchor: "start")
        }
        return out + "</svg>\n"
    }

    /// "0%", "90%", "99%", "99.9%", ... for log10(1/(1-p)) = 0, 1, 2, 3, ...
    static func percentileLabel(_ tick: Double) -> String {
        let nines = Int(tick.rounded())
        switch nines {
        case 0: return "0%"
        case 1: return "90%"
        case 2: return "99%"
        default: return "99." + String(repeating: "9", count: nines - 2) + "%"
        }
    }

    static func percentileX(_ percentile: Double) -> Double {
        percentile >= 100 ? .infinity : Foundation.log10(1 / (1 - percentile / 100))
    }

    /// Ticks at 1, 2 or 5 times a power of ten covering [from, to], about five of them.
    static func niceTicks(from low: Double, to high: Double) -> [Double] {
        guard high > low else { return [low, low + 1] }
        let rough = (high - low) / 5
        var magnitude = 1.0
        while magnitude * 10 <= rough { magnitude *= 10 }
        while magnitude > rough { magnitude /= 10 }
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= rough } ?? magnitude * 10
        let first = (low / step).rounded(.down) * step
        var ticks: [Double] = []
        var tick = first
        while tick < high + step * 0.999 {
            ticks.append(tick)
            if tick >= high { break }
            tick += step
        }
        return ticks
    }

    private func f(_ value: Double) -> String { NumberText.fixed(value, places: 1) }

    private func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double) -> String {
        "<line stroke=\"#e4e4e4\" x1=\"\(f(x1))\" y1=\"\(f(y1))\" x2=\"\(f(x2))\" y2=\"\(f(y2))\"/>\n"
    }

    private func text(x: Double, y: Double, _ content: String, anchor: String, attributes: String = "") -> String {
        "<text x=\"\(f(x))\" y=\"\(f(y))\" text-anchor=\"\(anchor)\"\(attributes.isEmpty ? "" : " " + attributes)>\(HTMLText.escape(content))</text>\n"
    }
}

